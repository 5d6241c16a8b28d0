// What can be done to a swap, by status: approve (in a role still needed), reject or cancel
// (with a reason), execute (re-validated and published in one step), roll back (within the
// window). Each opens a small dialog; refusals are shown with every reason the core gives.
import CheckOutlined from '@mui/icons-material/CheckOutlined';
import PlayArrowOutlined from '@mui/icons-material/PlayArrowOutlined';
import RestoreOutlined from '@mui/icons-material/RestoreOutlined';
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
import type { ApprovalRole, SwapSummary } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { useCan, useSession } from '../state/session';
import { useNotify } from '../state/notify';
import { useProgram } from '../state/program';
import { missingApprovals, ROLE_LABELS, swapSentence } from './text';
import { plural } from '../lib/words';

type Action = 'approve' | 'reject' | 'cancel' | 'execute' | 'rollback';

const TITLES: Record<Action, string> = {
  approve: 'Approve the swap',
  reject: 'Reject the swap',
  cancel: 'Cancel the request',
  execute: 'Run the swap',
  rollback: 'Roll back the swap',
};

function errorText(err: unknown): string {
  const data = toApiError(err);
  const extra = (data.issues ?? []).map((i) => i.message).filter((m) => !data.message.includes(m));
  return [data.message, ...extra].join(' · ');
}

function ActionDialog({ swap, action, onClose }: { swap: SwapSummary; action: Action; onClose(): void }) {
  const roles = missingApprovals(swap);
  // A signed-in account approves in its own role; only a program without accounts asks which.
  const account = useSession((s) => s.status?.account ?? null);
  const accountRole: ApprovalRole | null = account
    ? account.role === 'program_director'
      ? 'program_director'
      : 'coordinator'
    : null;
  const [role, setRole] = useState<ApprovalRole>(accountRole ?? roles[0] ?? 'coordinator');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = action === 'reject' || action === 'cancel' || action === 'rollback';
  const rollbackHours = useProgram((s) => s.info?.settings.rollbackHours ?? 24);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (needsReason && text.trim().length < 3) return setError('Say why in a few words (at least 3 characters)');
    setBusy(true);
    setError(null);
    try {
      const id = swap.id;
      let done: SwapSummary;
      if (action === 'approve')
        done = await api()['swaps.approve']({
          swapId: id,
          role: accountRole ? undefined : role,
          note: text.trim() || null,
        });
      else if (action === 'reject') done = await api()['swaps.reject']({ swapId: id, reason: text.trim() });
      else if (action === 'cancel') done = await api()['swaps.cancel']({ swapId: id, reason: text.trim() });
      else if (action === 'execute')
        done = await api()['swaps.execute']({ swapId: id, acceptChurnWarnings: false, breakGlass: null });
      else done = await api()['swaps.rollback']({ swapId: id, reason: text.trim() });
      const words: Record<Action, string> = {
        approve:
          done.status === 'approved'
            ? 'approved: ready to run'
            : `approved as ${ROLE_LABELS[role].toLowerCase()}; it still needs ${missingApprovals(done)
                .map((r) => ROLE_LABELS[r].toLowerCase())
                .join(' and ')}`,
        reject: 'rejected',
        cancel: 'cancelled',
        execute: 'done: the published schedule has it',
        rollback: 'rolled back: the schedule is as it was',
      };
      useNotify.getState().notify(`Swap #${id} ${words[action]}`, 'success');
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="sm"
      fullWidth
      component="form"
      onSubmit={submit}
      aria-labelledby="swap-action-title"
    >
      <DialogTitle id="swap-action-title">
        {TITLES[action]} #{swap.id}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 0.5 }}>
          <Typography variant="body2">{swapSentence(swap)}.</Typography>
          {action === 'execute' && (
            <Typography variant="body2" color="text.secondary">
              The swap is checked again against the schedule as it is now, then{' '}
              {plural(swap.plan.cells.length, 'half-day')},{' '}
              {plural(swap.plan.calls.length, 'call entry', 'call entries')} and{' '}
              {plural(swap.plan.weeks.length, 'inpatient-week entry', 'inpatient-week entries')} change in one
              publication, which can be rolled back for {rollbackHours} hours.
            </Typography>
          )}
          {action === 'rollback' && swap.rollbackDeadline && (
            <Typography variant="body2" color="text.secondary">
              Everything the swap changed goes back to exactly what it was. Possible until{' '}
              {new Date(swap.rollbackDeadline).toLocaleString()}.
            </Typography>
          )}
          {action === 'approve' && accountRole && (
            <Typography variant="body2" color="text.secondary">
              You approve as the {ROLE_LABELS[accountRole].toLowerCase()}
              {roles.includes(accountRole) ? '' : ' (in the coordinator’s place)'}.
            </Typography>
          )}
          {action === 'approve' && !accountRole && (
            <TextField
              select
              label="Approve as"
              value={role}
              onChange={(e) => setRole(e.target.value as ApprovalRole)}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'approve-role' } as object } }}
            >
              {roles.map((r) => (
                <MenuItem key={r} value={r}>
                  {ROLE_LABELS[r]}
                </MenuItem>
              ))}
            </TextField>
          )}
          {action !== 'execute' && (
            <TextField
              label={needsReason ? 'Reason' : 'Note (optional)'}
              autoFocus
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setError(null);
              }}
              helperText="Kept in the audit log"
              slotProps={{ htmlInput: { 'data-testid': 'swap-action-text' } }}
            />
          )}
          {error && (
            <Alert severity="error" data-testid="swap-action-error">
              {error}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button
          type="submit"
          variant="contained"
          color={action === 'reject' || action === 'rollback' ? 'warning' : 'primary'}
          disabled={busy}
          data-testid="swap-action-submit"
        >
          {action === 'approve'
            ? 'Approve'
            : action === 'execute'
              ? 'Run it'
              : action === 'rollback'
                ? 'Roll back'
                : action === 'reject'
                  ? 'Reject'
                  : 'Cancel request'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The buttons a swap's status allows, and their dialog. */
export function SwapActions({ swap }: { swap: SwapSummary }) {
  const [action, setAction] = useState<Action | null>(null);
  const stale = swap.staleBecause.length > 0;
  const approves = useCan('swaps.approve');
  const runs = useCan('swaps.execute');
  const cancels = useCan('swaps.cancel');
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
      {swap.status === 'pending' && approves && (
        <Button
          size="small"
          variant="contained"
          startIcon={<CheckOutlined />}
          disabled={stale}
          onClick={() => setAction('approve')}
          data-testid="swap-approve"
        >
          Approve
        </Button>
      )}
      {swap.status === 'approved' && runs && (
        <Button
          size="small"
          variant="contained"
          startIcon={<PlayArrowOutlined />}
          disabled={stale}
          onClick={() => setAction('execute')}
          data-testid="swap-execute"
        >
          Run swap
        </Button>
      )}
      {(swap.status === 'pending' || swap.status === 'approved') && (
        <>
          {approves && (
            <Button size="small" color="warning" onClick={() => setAction('reject')} data-testid="swap-reject">
              Reject
            </Button>
          )}
          {cancels && (
            <Button size="small" onClick={() => setAction('cancel')} data-testid="swap-cancel">
              Cancel request
            </Button>
          )}
        </>
      )}
      {swap.canRollback && runs && (
        <Button
          size="small"
          color="warning"
          startIcon={<RestoreOutlined />}
          onClick={() => setAction('rollback')}
          data-testid="swap-rollback"
        >
          Roll back
        </Button>
      )}
      {stale && (swap.status === 'pending' || swap.status === 'approved') && (
        <Alert severity="warning" sx={{ py: 0 }} data-testid="swap-stale">
          The schedule changed since the request: {swap.staleBecause.join('; ')}. Cancel it and ask again.
        </Alert>
      )}
      {action && <ActionDialog swap={swap} action={action} onClose={() => setAction(null)} />}
    </Stack>
  );
}
