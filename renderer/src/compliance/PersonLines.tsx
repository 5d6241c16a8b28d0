// A person's name over a caption line (PGY level, hours…), as the hours list and the summary
// card's "who needs attention" list show each resident. The name keeps one line; a long one ends
// in an ellipsis and is read whole from its tooltip.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export function PersonLines({ name, children }: { name: string; children: ReactNode }) {
  return (
    <Box sx={{ flex: 1, minWidth: 0 }}>
      <Typography
        variant="body2"
        title={name}
        sx={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
      >
        {name}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {children}
      </Typography>
    </Box>
  );
}
