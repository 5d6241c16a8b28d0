// Acknowledge a finding a draft adds: the shared form, with the finding's message, who and its rule.
import Typography from '@mui/material/Typography';
import type { DraftFlag } from '../../../core/api/contract';
import { api } from '../api';
import { SEVERITY_LABELS } from '../lib/severity';
import { AcknowledgeDialog } from '../ui/AcknowledgeDialog';

interface Props {
  flag: DraftFlag;
  draftId: number;
  personName: string | null;
  onClose(): void;
}

export function AcknowledgeFlag({ flag, draftId, personName, onClose }: Props) {
  return (
    <AcknowledgeDialog
      severity={flag.severity}
      acknowledge={(reasonCode, reason) =>
        api()['drafts.acknowledgeFinding']({ findingId: flag.id, draftId, reasonCode, reason })
      }
      onClose={onClose}
    >
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {flag.message}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        {[personName, `${SEVERITY_LABELS[flag.severity]} · ${flag.ruleId}`].filter(Boolean).join(' · ')}
      </Typography>
      {flag.explanation && (
        <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.5 }}>
          {flag.explanation}
        </Typography>
      )}
    </AcknowledgeDialog>
  );
}
