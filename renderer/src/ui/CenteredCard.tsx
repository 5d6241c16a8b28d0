// The frame of the screens shown before the app opens (first run, sign in, new password, the
// start page of a workstation without a program): the program they are for, then one form.
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useSession } from '../state/session';

interface CenteredCardProps {
  title: string;
  intro?: ReactNode;
  /** Wider for a page of choices (the start page). */
  maxWidth?: number;
  children: ReactNode;
}

export function CenteredCard({ title, intro, maxWidth = 420, children }: CenteredCardProps) {
  const status = useSession((s) => s.status);
  const program = status?.programPath !== null;
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'background.default', p: 2 }}>
      <Paper variant="outlined" sx={{ width: '100%', maxWidth, p: 3.5 }} component="main">
        <Typography variant="overline" color="text.secondary">
          Residency Scheduler
        </Typography>
        {program && (
          <>
            <Typography
              variant="subtitle1"
              sx={{ fontWeight: 650, lineHeight: 1.3 }}
              data-testid="session-program-name"
            >
              {status?.programName ?? 'Program'}
            </Typography>
            <Typography
              variant="caption"
              color="text.secondary"
              sx={{ display: 'block', wordBreak: 'break-all', mb: 2.5 }}
            >
              {status?.programPath}
            </Typography>
          </>
        )}
        <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
          {title}
        </Typography>
        {intro && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {intro}
          </Typography>
        )}
        {children}
      </Paper>
    </Box>
  );
}
