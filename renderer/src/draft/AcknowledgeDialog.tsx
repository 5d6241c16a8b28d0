// Acknowledge a finding instead of fixing it: a reason code and a reason in words, both audited.
// Acknowledged blocking findings no longer hold a draft back from publishing.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { Acknowledgement, DraftFlag } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { useNotify } from '../state/notify';
import { ACK_REASON_LABELS } from './labels';
import { SEVERITY_LABELS } from '../lib/severity';
import { SeverityChip } from './SeverityChip';

interface Props {
  flag: DraftFlag;
  draftId: number;
  personName: string | null;
  onClose(): void;
}

export function AcknowledgeDialog({ flag, draftId, personName, onClose }: Props) {
  const [code, setCode] = useState<Acknowledgement['reasonCode'] | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ code?: string; reason?: string; form?: string }>({});
  const [saving, setSaving] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    const problems: typeof errors = {};
    if (!code) problems.code = 'Choose why the finding is acceptable';
    if (reason.trim().length < 3) problems.reason = 'Say why in a few words (at least 3 characters)';
    setErrors(problems);
    if (problems.code || problems.reason || !code) return;
    setSaving(true);
    try {
      await api()['drafts.acknowledgeFinding']({
        findingId: flag.id,
        draftId,
        reasonCode: code,
        reason: reason.trim(),
      });
      useNotify.getState().notify('Finding acknowledged; the reason is in the audit log.', 'success');
      onClose();
    } catch (err) {
      const data = toApiError(err);
      const byField = Object.fromEntries((data.issues ?? []).map((i) => [i.path, i.message]));
      setErrors({ code: byField.reasonCode, reason: byField.reason, form: data.message });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth component="form" onSubmit={save} aria-labelledby="ack-title">
      <DialogTitle id="ack-title">Acknowledge a finding</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 0.5 }}>
          <Stack
            direction="row"
            spacing={1.5}
            sx={{ alignItems: 'flex-start', p: 1.5, bgcolor: 'action.hover', borderRadius: 1 }}
          >
            <SeverityChip severity={flag.severity} />
            <div>
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
            </div>
          </Stack>
          <Typography variant="body2" color="text.secondary">
            The finding stays visible, marked as acknowledged. Who acknowledged it, when and why is kept in the audit
            log.
          </Typography>
          {errors.form && <Alert severity="error">{errors.form}</Alert>}
          <TextField
            select
            label="Reason"
            value={code}
            onChange={(e) => setCode(e.target.value as Acknowledgement['reasonCode'])}
            error={!!errors.code}
            helperText={errors.code}
            slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'ack-reason-code' } as object } }}
          >
            {(Object.keys(ACK_REASON_LABELS) as Acknowledgement['reasonCode'][]).map((c) => (
              <MenuItem key={c} value={c}>
                {ACK_REASON_LABELS[c]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label="Explanation"
            multiline
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={!!errors.reason}
            helperText={errors.reason ?? 'What makes this acceptable, and who agreed'}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={saving}>
          Acknowledge
        </Button>
      </DialogActions>
    </Dialog>
  );
}
