// A finding's severity as a small coloured chip (muted when the finding is acknowledged).
import Chip from '@mui/material/Chip';
import type { Severity } from '../../../core/domain/types';
import { SEVERITY_COLORS } from './findingText';
import { SEVERITY_HINTS, SEVERITY_LABELS } from '../lib/severity';

export function SeverityChip({
  severity,
  muted = false,
  size = 'small',
}: {
  severity: Severity;
  muted?: boolean;
  size?: 'small' | 'medium';
}) {
  const c = SEVERITY_COLORS[severity];
  return (
    <Chip
      size={size}
      label={SEVERITY_LABELS[severity]}
      title={SEVERITY_HINTS[severity]}
      data-severity={severity}
      sx={{
        fontWeight: 650,
        minWidth: 74,
        color: muted ? 'text.secondary' : c.main,
        bgcolor: muted ? 'action.hover' : c.tint,
        border: `1px solid ${muted ? '#d0d5dd' : c.main}33`,
        '& .MuiChip-label': { px: 1 },
      }}
    />
  );
}
