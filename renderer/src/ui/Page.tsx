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
  /** A one-line header (title, subtitle and actions on one row): views that need the height. */
  dense?: boolean;
  children: ReactNode;
}

export function Page({ title, subtitle, actions, fill = false, dense = false, children }: PageProps) {
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
        px: dense ? 2 : 3,
        pt: dense ? 1.25 : 2.5,
        pb: fill ? (dense ? 1 : 1.5) : 4,
      }}
    >
      {/* A dense header never wraps: a second row would cost the content (the grid) its height; its
          title shortens first. */}
      <Stack
        direction="row"
        spacing={2}
        sx={{
          alignItems: dense ? 'center' : 'flex-end',
          mb: dense ? 1 : 2,
          flexWrap: dense ? 'nowrap' : 'wrap',
          rowGap: 1,
        }}
        data-testid="page-header"
      >
        <Box
          sx={{
            flex: 1,
            minWidth: dense ? 0 : 240,
            display: dense ? 'flex' : 'block',
            alignItems: 'baseline',
            gap: 1.5,
          }}
        >
          <Typography
            variant="h5"
            component="h1"
            noWrap={dense}
            sx={dense ? { fontSize: '1.2rem', flexShrink: 0, maxWidth: '100%' } : undefined}
          >
            {title}
          </Typography>
          {subtitle && (
            <Typography
              variant="body2"
              color="text.secondary"
              sx={{ mt: dense ? 0 : 0.25 }}
              noWrap={dense}
              // Cut short beside a dense page's tools, it is still there whole on hover.
              title={dense && typeof subtitle === 'string' ? subtitle : undefined}
            >
              {subtitle}
            </Typography>
          )}
        </Box>
        {actions && (
          <Stack
            direction="row"
            spacing={dense ? 1 : 1.5}
            sx={{
              alignItems: 'center',
              flexWrap: dense ? 'nowrap' : 'wrap',
              flexShrink: dense ? 0 : 1,
              rowGap: 1,
            }}
            data-testid="page-actions"
          >
            {actions}
          </Stack>
        )}
      </Stack>
      {children}
    </Box>
  );
}
