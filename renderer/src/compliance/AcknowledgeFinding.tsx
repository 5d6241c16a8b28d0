// Acknowledge a finding of the Compliance view (the published schedule's, or a draft's): the shared
// form, with the finding's rule, person, window and figures.
import Typography from '@mui/material/Typography';
import type { ComplianceFinding } from '../../../core/api/contract';
import { api } from '../api';
import { AcknowledgeDialog } from '../ui/AcknowledgeDialog';
import { limitText, measuredText, windowText } from './findingText';

interface Props {
  finding: ComplianceFinding;
  academicYear: number;
  draftId: number | null;
  onClose(): void;
}

export function AcknowledgeFinding({ finding, academicYear, draftId, onClose }: Props) {
  return (
    <AcknowledgeDialog
      severity={finding.severity}
      acknowledge={(reasonCode, reason) =>
        api()['compliance.acknowledge']({ academicYear, draftId, findingId: finding.id, reasonCode, reason })
      }
      onClose={onClose}
    >
      <Typography variant="subtitle2">
        {finding.ruleName}
        <Typography component="span" variant="body2" color="text.secondary">
          {' '}
          · {finding.personName ?? 'Program'} · {windowText(finding)}
        </Typography>
      </Typography>
      <Typography variant="body2" sx={{ fontWeight: 550 }}>
        {finding.message}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Measured {measuredText(finding)} · {limitText(finding)}
      </Typography>
    </AcknowledgeDialog>
  );
}
