// Acknowledge a finding instead of fixing it: a reason code and a reason in words, both audited.
// The finding stays listed, marked as acknowledged; acknowledged blocking findings no longer hold a
// draft back from publishing. One form for Compliance and a draft's findings: the caller says what
// the finding is (`children`, beside its severity) and where the acknowledgement goes (`acknowledge`).
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Severity } from '../../../core/domain/types';
import { toApiError } from '../api';
import { ACK_REASON_CODES, ACK_REASON_LABELS, type AckReasonCode } from '../lib/labels';
import { useNotify } from '../state/notify';
import { SeverityChip } from './SeverityChip';
import { DialogSubmitActions } from './DialogSubmitActions';

const MIN_REASON = 3;

interface Props {
  severity: Severity;
  /** What the finding is: its rule, who, when, its message. */
  children: ReactNode;
  /** Records the acknowledgement (the API call); a refusal is shown in the form. */
  acknowledge(reasonCode: AckReasonCode, reason: string): Promise<unknown>;
  onClose(): void;
}

export function AcknowledgeDialog({ severity, children, acknowledge, onClose }: Props) {
  const [code, setCode] = useState<AckReasonCode | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ code?: string; reason?: string; form?: string }>({});
  const [saving, setSaving] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const next: typeof errors = {};
    if (!code) next.code = 'Choose why the finding is acceptable';
    if (reason.trim().length < MIN_REASON) next.reason = `Say why in a few words (at least ${MIN_REASON} characters)`;
    setErrors(next);
    if (next.code || next.reason || !code) return;
    setSaving(true);
    try {
      await acknowledge(code, reason.trim());
      useNotify.getState().notify('Finding acknowledged; the reason is in the audit log.', 'success');
      onClose();
    } catch (err) {
      const data = toApiError(err);
      const byField = Object.fromEntries((data.issues ?? []).map((i) => [i.path, i.message]));
      const fields = { code: byField.reasonCode, reason: byField.reason };
      setErrors(fields.code || fields.reason ? fields : { form: data.message });
      setSaving(false);
    }
  }

  return (
    <Dialog open onClose={saving ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="ack-title">
      <form onSubmit={submit} noValidate data-testid="ack-form">
        <DialogTitle id="ack-title">Acknowledge a finding</DialogTitle>
        <DialogContent dividers>
          <Stack
            direction="row"
            spacing={1.5}
            sx={{
              alignItems: 'flex-start',
              p: 1.5,
              mb: 1.5,
              borderRadius: 1,
              bgcolor: 'background.subtle',
              border: '1px solid',
              borderColor: 'divider',
            }}
          >
            <SeverityChip severity={severity} />
            <Box sx={{ minWidth: 0 }}>{children}</Box>
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            The finding stays visible, marked as acknowledged. Who acknowledged it, when and why is kept in the audit
            log.
          </Typography>
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
              {ACK_REASON_CODES.map((c) => (
                <MenuItem key={c} value={c} data-testid={`ack-reason-${c}`}>
                  {ACK_REASON_LABELS[c]}
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
        <DialogSubmitActions busy={saving} onCancel={onClose} testId="ack-submit">
          Acknowledge
        </DialogSubmitActions>
      </form>
    </Dialog>
  );
}
