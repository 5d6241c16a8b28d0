// First run: a program without accounts gets its administrator before anything else opens.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { api, toApiError } from '../api';
import { CenteredCard } from '../ui/CenteredCard';
import { newPasswordProblem, PasswordFields } from './PasswordFields';
import { useSession } from '../state/session';

export function SetupScreen() {
  const apply = useSession((s) => s.apply);
  const [username, setUsername] = useState('admin');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordError = tried ? newPasswordProblem(password, repeat, username) : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (busy || newPasswordProblem(password, repeat, username) || !username.trim() || !displayName.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await apply(() =>
        api()['session.setup']({ username: username.trim(), displayName: displayName.trim(), password }),
      );
    } catch (err) {
      const data = toApiError(err);
      setError([data.message, ...(data.issues ?? []).map((i) => `${i.path}: ${i.message}`)].join('\n'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredCard
      title="Create the administrator"
      intro={
        'This program has no accounts yet. The administrator manages who may sign in and with which role; ' +
        'create that account first.'
      }
    >
      <Stack
        component="form"
        spacing={2}
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label="Create the administrator"
      >
        <TextField
          label="Account name"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={tried && !username.trim()}
          helperText="What you type to sign in (no spaces)"
          autoComplete="username"
        />
        <TextField
          label="Your name"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={tried && !displayName.trim()}
          helperText={tried && !displayName.trim() ? 'Your name, as the audit log shows it' : ' '}
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
        {error && (
          <Alert severity="error" sx={{ whiteSpace: 'pre-line' }}>
            {error}
          </Alert>
        )}
        <Button
          type="submit"
          variant="contained"
          disabled={busy}
          startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
        >
          Create and sign in
        </Button>
      </Stack>
    </CenteredCard>
  );
}
