// Sign in to the open program with an account name and password. Core counts failures and locks
// the account after repeated ones; its message is shown as it is.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { api, toApiError } from '../api';
import { forgetRestored } from '../state/restored';
import { RestoredNotice } from './RestoredNotice';
import { CenteredCard } from '../ui/CenteredCard';
import { useSession } from '../state/session';

export function SignInScreen() {
  const apply = useSession((s) => s.apply);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!username.trim() || !password) {
      setError('Give your account name and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await apply(() => api()['session.signIn']({ username: username.trim(), password }));
      forgetRestored();
    } catch (err) {
      setError(toApiError(err).message);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredCard title="Sign in">
      <Stack component="form" spacing={2} onSubmit={(e) => void submit(e)} noValidate aria-label="Sign in">
        <RestoredNotice />
        <TextField
          label="Account name"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoFocus
          autoComplete="username"
        />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
        />
        {error && (
          <Alert severity="error" data-testid="sign-in-error">
            {error}
          </Alert>
        )}
        <Button
          type="submit"
          variant="contained"
          disabled={busy}
          startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
        >
          Sign in
        </Button>
      </Stack>
    </CenteredCard>
  );
}
