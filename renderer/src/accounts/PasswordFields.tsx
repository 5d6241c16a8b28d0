// A new password typed twice, with the policy core applies (at least 8 characters, not the
// account name) checked as the user types.
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';

export const PASSWORD_MIN_LENGTH = 8;

export function newPasswordProblem(password: string, repeat: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `At least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'Not the account name';
  if (password !== repeat) return 'The two passwords differ';
  return null;
}

interface Props {
  password: string;
  repeat: string;
  onChange(password: string, repeat: string): void;
  /** Shown once the user tried to submit. */
  error: string | null;
  label?: string;
}

export function PasswordFields({ password, repeat, onChange, error, label = 'New password' }: Props) {
  return (
    <Stack spacing={2}>
      <TextField
        label={label}
        type="password"
        value={password}
        onChange={(e) => onChange(e.target.value, repeat)}
        autoComplete="new-password"
        helperText={`At least ${PASSWORD_MIN_LENGTH} characters; a phrase is easiest to remember`}
      />
      <TextField
        label="Repeat the password"
        type="password"
        value={repeat}
        onChange={(e) => onChange(password, e.target.value)}
        autoComplete="new-password"
        error={!!error}
        helperText={error ?? ' '}
      />
    </Stack>
  );
}
