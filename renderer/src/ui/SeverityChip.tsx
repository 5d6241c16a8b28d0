// A finding's severity as a small coloured chip, its meaning on hover (muted when the finding is
// acknowledged), or how many findings of it ("3 critical"): the one chip for Compliance, Drafts, the
// draft's findings and Review.
import Chip from '@mui/material/Chip';
import type { Severity } from '../../../core/domain/types';
import { SEVERITY_COLORS, SEVERITY_HINTS, SEVERITY_LABELS } from '../lib/severity';

export function SeverityChip({
  severity,
  muted = false,
  size = 'small',
  count,
}: {
  severity: Severity;
  muted?: boolean;
  size?: 'small' | 'medium';
  count?: number;
}) {
  const c = SEVERITY_COLORS[severity];
  return (
    <Chip
      size={size}
      label={count === undefined ? SEVERITY_LABELS[severity] : `${count} ${SEVERITY_LABELS[severity].toLowerCase()}`}
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
