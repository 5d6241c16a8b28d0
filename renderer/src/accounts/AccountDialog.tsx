// Add an account (name, role, the person it acts for, a temporary password) or change one (name,
// role, person, enabled). Core checks everything again; its refusals are shown as they come.
import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import type { Account, PersonRow, Role } from '../../../core/api/contract';
import { api, toApiError } from '../api';
import { useNotify } from '../state/notify';
import { ACCOUNT_ROLE_HELP, ACCOUNT_ROLE_LABELS, PERSONAL_ROLES } from '../lib/accountRoles';
import { newPasswordProblem, PasswordFields } from './PasswordFields';
import { DialogSubmitActions } from '../ui/DialogSubmitActions';

interface Props {
  /** null = add a new account. */
  account: Account | null;
  people: PersonRow[];
  onClose(): void;
}

/** Who an account of this role may act for. */
function candidates(role: Role, people: PersonRow[]): PersonRow[] {
  if (role === 'faculty') return people.filter((p) => p.kind === 'faculty');
  if (role === 'resident' || role === 'chief_resident') return people.filter((p) => p.kind === 'resident');
  return [];
}

export function AccountDialog({ account, people, onClose }: Props) {
  const [username, setUsername] = useState(account?.username ?? '');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [role, setRole] = useState<Role>(account?.role ?? 'coordinator');
  const [personId, setPersonId] = useState(account?.personId ?? '');
  const [disabled, setDisabled] = useState(account?.disabled ?? false);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const notify = useNotify((s) => s.notify);
  const choices = candidates(role, people);
  const needsPerson = PERSONAL_ROLES.includes(role);
  const passwordError = tried && !account ? newPasswordProblem(password, repeat, username) : null;

  async function save(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (
      saving ||
      !displayName.trim() ||
      (!account && (!username.trim() || newPasswordProblem(password, repeat, username))) ||
      (needsPerson && !personId)
    )
      return;
    setSaving(true);
    setError(null);
    try {
      const person = choices.some((p) => p.id === personId) ? personId : null;
      const saved = account
        ? await api()['accounts.update']({
            id: account.id,
            displayName: displayName.trim(),
            role,
            personId: person,
            disabled,
          })
        : await api()['accounts.create']({
            username: username.trim(),
            displayName: displayName.trim(),
            role,
            personId: person,
            password,
            mustChangePassword: true,
          });
      notify(
        account
          ? `Saved ${saved.username}`
          : `Added ${saved.username}: they choose their own password when they first sign in`,
        'success',
      );
      onClose();
    } catch (err) {
      const data = toApiError(err);
      setError([data.message, ...(data.issues ?? []).map((i) => `${i.path}: ${i.message}`)].join('\n'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog open onClose={saving ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="account-dialog-title">
      <form onSubmit={(e) => void save(e)} noValidate>
        <DialogTitle id="account-dialog-title">
          {account ? `Account ${account.username}` : 'Add an account'}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error && (
              <Alert severity="error" sx={{ whiteSpace: 'pre-line' }} data-testid="account-form-error">
                {error}
              </Alert>
            )}
            {!account && (
              <TextField
                label="Account name"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                error={tried && !username.trim()}
                helperText="What they type to sign in: letters, digits and . _ @ - (no spaces)"
                autoFocus
              />
            )}
            <TextField
              label="Full name"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              error={tried && !displayName.trim()}
              helperText={tried && !displayName.trim() ? 'The name the audit log shows' : ' '}
            />
            <TextField
              select
              label="Role"
              value={role}
              onChange={(e) => {
                setRole(e.target.value as Role);
                setPersonId('');
              }}
              helperText={ACCOUNT_ROLE_HELP[role]}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'account-role-picker' } as object } }}
            >
              {(Object.keys(ACCOUNT_ROLE_LABELS) as Role[]).map((r) => (
                <MenuItem key={r} value={r}>
                  {ACCOUNT_ROLE_LABELS[r]}
                </MenuItem>
              ))}
            </TextField>
            {choices.length > 0 && (
              <TextField
                select
                label={needsPerson ? 'Acts for' : 'Acts for (optional)'}
                value={personId}
                onChange={(e) => setPersonId(e.target.value)}
                error={tried && needsPerson && !personId}
                helperText={needsPerson ? 'They see and export this person’s own schedule' : ' '}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'account-person-picker' } as object } }}
              >
                {!needsPerson && <MenuItem value="">Nobody</MenuItem>}
                {choices.map((p) => (
                  <MenuItem key={p.id} value={p.id}>
                    {p.name}
                    {p.pgy !== null ? ` (PGY-${p.pgy})` : ''}
                  </MenuItem>
                ))}
              </TextField>
            )}
            {account ? (
              <FormControlLabel
                control={<Switch checked={!disabled} onChange={(e) => setDisabled(!e.target.checked)} />}
                label={disabled ? 'Disabled: cannot sign in' : 'Enabled: can sign in'}
              />
            ) : (
              <PasswordFields
                label="Temporary password"
                password={password}
                repeat={repeat}
                onChange={(p, r) => {
                  setPassword(p);
                  setRepeat(r);
                }}
                error={passwordError}
              />
            )}
          </Stack>
        </DialogContent>
        <DialogSubmitActions busy={saving} onCancel={onClose}>
          {account ? 'Save' : 'Add account'}
        </DialogSubmitActions>
      </form>
    </Dialog>
  );
}

/** The administrator sets a temporary password (and so unlocks the account). */
export function ResetPasswordDialog({ account, onClose }: { account: Account; onClose(): void }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const notify = useNotify((s) => s.notify);
  const problem = tried ? newPasswordProblem(password, repeat, account.username) : null;

  async function save(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (saving || newPasswordProblem(password, repeat, account.username)) return;
    setSaving(true);
    try {
      await api()['accounts.resetPassword']({ id: account.id, password, mustChangePassword: true });
      notify(`Set a temporary password for ${account.username}: they choose their own at the next sign-in`, 'success');
      onClose();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog open onClose={saving ? undefined : onClose} maxWidth="xs" fullWidth aria-labelledby="reset-title">
      <form onSubmit={(e) => void save(e)} noValidate>
        <DialogTitle id="reset-title">New password for {account.username}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error && <Alert severity="error">{error}</Alert>}
            <PasswordFields
              label="Temporary password"
              password={password}
              repeat={repeat}
              onChange={(p, r) => {
                setPassword(p);
                setRepeat(r);
              }}
              error={problem}
            />
          </Stack>
        </DialogContent>
        <DialogSubmitActions busy={saving} onCancel={onClose}>
          Set password
        </DialogSubmitActions>
      </form>
    </Dialog>
  );
}
