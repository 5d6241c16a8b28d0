// The frame of a view: a header with title, purpose and actions, then the content.
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

interface PageProps {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  /** Fill the height and let the content scroll itself (the grid); otherwise the page scrolls. */
  fill?: boolean;
  children: ReactNode;
}

export function Page({ title, subtitle, actions, fill = false, children }: PageProps) {
  return (
    <Box
      sx={{
        flex: 1,
        minHeight: 0,
        display: 'flex',
        flexDirection: 'column',
        overflow: fill ? 'hidden' : 'auto',
        // A scrolling page keeps its sections at their natural height instead of squeezing them.
        ...(fill ? {} : { '& > *': { flexShrink: 0 } }),
        px: 3,
        pt: 2.5,
        pb: fill ? 1.5 : 4,
      }}
    >
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-end', mb: 2, flexWrap: 'wrap', rowGap: 1.5 }}>
        <Box sx={{ flex: 1, minWidth: 240 }}>
          <Typography variant="h5" component="h1">
            {title}
          </Typography>
          {subtitle && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.25 }}>
              {subtitle}
            </Typography>
          )}
        </Box>
        {actions && (
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
            {actions}
          </Stack>
        )}
      </Stack>
      {children}
    </Box>
  );
}
