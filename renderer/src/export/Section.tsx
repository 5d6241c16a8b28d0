// One numbered step of the export form: its title and a line of help on the left, the choice on
// the right, and the problem with the choice (if any) right under it.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

interface SectionProps {
  step: number;
  title: string;
  hint?: ReactNode;
  /** What is wrong with this choice, said next to it. */
  error?: string;
  testId?: string;
  children: ReactNode;
}

export function Section({ step, title, hint, error, testId, children }: SectionProps) {
  return (
    <Box
      component="section"
      aria-label={title}
      data-testid={testId}
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: '190px minmax(0, 1fr)' },
        columnGap: 3,
        rowGap: 1.25,
        px: 3,
        py: 2.5,
        '& + &': { borderTop: 1, borderColor: 'divider' },
      }}
    >
      <Box sx={{ display: 'flex', gap: 1.25, alignItems: 'flex-start' }}>
        <Box
          aria-hidden
          sx={{
            flex: '0 0 auto',
            width: 22,
            height: 22,
            mt: '1px',
            borderRadius: '50%',
            display: 'grid',
            placeItems: 'center',
            fontSize: 12,
            fontWeight: 700,
            color: error ? 'error.main' : 'primary.main',
            bgcolor: (t) => (error ? t.alpha(t.vars.palette.error.main, 0.12) : t.vars.palette.primary.light),
          }}
        >
          {step}
        </Box>
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="subtitle2" component="h2" sx={{ lineHeight: 1.5 }}>
            {title}
          </Typography>
          {hint && (
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.25, lineHeight: 1.45 }}>
              {hint}
            </Typography>
          )}
        </Box>
      </Box>
      <Box sx={{ minWidth: 0 }}>
        {children}
        {error && (
          <Typography
            variant="body2"
            color="error"
            role="alert"
            sx={{ mt: 1 }}
            data-testid={testId ? `${testId}-error` : undefined}
          >
            {error}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
