// Change the signed-in account's own password: the current one again, the new one twice. Used as
// the screen after an administrator's reset (nothing else opens until it is done) and as a dialog.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, toApiError } from '../api';
import { CenteredCard } from '../ui/CenteredCard';
import { newPasswordProblem, PasswordFields } from './PasswordFields';
import { useSession } from '../state/session';

export function ChangePasswordForm({ onDone, extraActions }: { onDone?: () => void; extraActions?: ReactNode }) {
  const apply = useSession((s) => s.apply);
  const username = useSession((s) => s.status?.account?.username ?? '');
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordError = tried ? newPasswordProblem(password, repeat, username) : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (busy || !current || newPasswordProblem(password, repeat, username)) return;
    setBusy(true);
    setError(null);
    try {
      await apply(() => api()['session.changePassword']({ currentPassword: current, newPassword: password }));
      onDone?.();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} noValidate aria-label="Change your password">
      <TextField
        label="Current password"
        type="password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        autoComplete="current-password"
        error={tried && !current}
        autoFocus
      />
      <PasswordFields
        password={password}
        repeat={repeat}
        onChange={(p, r) => {
          setPassword(p);
          setRepeat(r);
        }}
        error={passwordError}
      />
      {error && <Alert severity="error">{error}</Alert>}
      <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
        {extraActions}
        <Button
          type="submit"
          variant="contained"
          disabled={busy}
          startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
        >
          Change password
        </Button>
      </Stack>
    </Stack>
  );
}

/** After an administrator's reset: the user chooses their own password before anything else. */
export function ChangePasswordScreen() {
  const apply = useSession((s) => s.apply);
  return (
    <CenteredCard
      title="Choose a new password"
      intro="An administrator set a temporary password for this account. Choose your own to continue."
    >
      <ChangePasswordForm
        extraActions={<Button onClick={() => void apply(() => api()['session.signOut']({}))}>Sign out</Button>}
      />
    </CenteredCard>
  );
}
