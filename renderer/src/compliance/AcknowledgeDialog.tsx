// Acknowledge a finding with a reason (a code and words): the finding stays listed, marked as
// acknowledged, and the acknowledgement goes into the audit log.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { ComplianceFinding } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { useNotify } from '../state/notify';
import { limitText, measuredText, REASON_CODES, REASON_LABELS, windowText, type AckReasonCode } from './findingText';
import { SeverityChip } from './SeverityChip';

const MIN_REASON = 3;

interface Props {
  finding: ComplianceFinding;
  academicYear: number;
  draftId: number | null;
  onClose(): void;
}

export function AcknowledgeDialog({ finding, academicYear, draftId, onClose }: Props) {
  const [code, setCode] = useState<AckReasonCode | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ code?: string; reason?: string; form?: string }>({});
  const [saving, setSaving] = useState(false);
  const notify = useNotify((s) => s.notify);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const next: typeof errors = {};
    if (!code) next.code = 'choose why';
    if (reason.trim().length < MIN_REASON) next.reason = `give a reason (at least ${MIN_REASON} characters)`;
    setErrors(next);
    if (next.code || next.reason) return;
    setSaving(true);
    try {
      await api()['compliance.acknowledge']({
        academicYear,
        draftId,
        findingId: finding.id,
        reasonCode: code as AckReasonCode,
        reason: reason.trim(),
      });
      notify('Finding acknowledged', 'success');
      onClose();
    } catch (err) {
      const data = toApiError(err);
      const reasonIssue = data.issues?.find((i) => i.path === 'reason');
      setErrors(reasonIssue ? { reason: reasonIssue.message } : { form: data.message });
      setSaving(false);
    }
  }

  return (
    <Dialog open onClose={saving ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="ack-title">
      <form onSubmit={submit} noValidate data-testid="ack-form">
        <DialogTitle id="ack-title">Acknowledge finding</DialogTitle>
        <DialogContent dividers>
          <Box
            sx={{
              p: 1.5,
              mb: 2.5,
              borderRadius: 1,
              bgcolor: 'background.subtle',
              border: '1px solid',
              borderColor: 'divider',
            }}
          >
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.75 }}>
              <SeverityChip severity={finding.severity} />
              <Typography variant="subtitle2">{finding.ruleName}</Typography>
              <Typography variant="body2" color="text.secondary">
                · {finding.personName ?? 'Program'} · {windowText(finding)}
              </Typography>
            </Stack>
            <Typography variant="body2" sx={{ fontWeight: 550 }}>
              {finding.message}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              Measured {measuredText(finding)} · {limitText(finding)}
            </Typography>
          </Box>
          <Stack spacing={2}>
            {errors.form && <Alert severity="error">{errors.form}</Alert>}
            <TextField
              select
              label="Reason"
              value={code}
              onChange={(e) => {
                setCode(e.target.value as AckReasonCode);
                setErrors((x) => ({ ...x, code: undefined }));
              }}
              error={!!errors.code}
              helperText={errors.code ?? ' '}
              required
              fullWidth
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'ack-reason-code' } as object } }}
            >
              {REASON_CODES.map((c) => (
                <MenuItem key={c} value={c} data-testid={`ack-reason-${c}`}>
                  {REASON_LABELS[c]}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label="Explanation"
              placeholder="Who approved it and why the schedule stays as it is"
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setErrors((x) => ({ ...x, reason: undefined }));
              }}
              error={!!errors.reason}
              helperText={errors.reason ?? 'Recorded in the audit log with your name.'}
              required
              fullWidth
              multiline
              minRows={3}
              slotProps={{ htmlInput: { maxLength: 1000, 'data-testid': 'ack-reason-text' } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions sx={{ px: 3, py: 1.5 }}>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            disabled={saving}
            startIcon={saving ? <CircularProgress size={16} /> : undefined}
            data-testid="ack-submit"
          >
            Acknowledge
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
