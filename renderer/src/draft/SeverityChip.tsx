// A finding's severity as a small coloured chip.
import Chip from '@mui/material/Chip';
import type { Severity } from '../../../core/domain/types';
import { SEVERITY_COLORS } from './labels';
import { SEVERITY_LABELS } from '../lib/severity';

export function SeverityChip({ severity }: { severity: Severity }) {
  return (
    <Chip
      size="small"
      label={SEVERITY_LABELS[severity]}
      color={SEVERITY_COLORS[severity]}
      variant={severity === 'low' ? 'outlined' : 'filled'}
      sx={{ fontWeight: 650, minWidth: 64, height: 22 }}
      data-severity={severity}
    />
  );
}
