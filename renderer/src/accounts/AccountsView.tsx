// Accounts (administrators): who may sign in to this program, with which role and for which
// person; add, change, disable, reset a password, unlock after failed sign-ins.
import AddIcon from '@mui/icons-material/Add';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useState } from 'react';
import type { Account } from '../../../core/api/contract';
import { api } from '../api';
import { formatInstant } from '../lib/dates';
import { useApiQuery } from '../lib/useApiQuery';
import { useNotify } from '../state/notify';
import { useAcademicYear } from '../state/program';
import { LoadError } from '../ui/LoadError';
import { Page } from '../ui/Page';
import { AccountDialog, ResetPasswordDialog } from './AccountDialog';
import { ACCOUNT_ROLE_LABELS } from '../lib/accountRoles';

type Editing = null | { kind: 'new' } | { kind: 'edit' | 'reset'; account: Account };

const isLocked = (a: Account) => a.lockedUntil !== null && a.lockedUntil > new Date().toISOString();

export function AccountsView() {
  const year = useAcademicYear()!;
  const accounts = useApiQuery('accounts', () => api()['accounts.list']({}));
  const people = useApiQuery(`people:${year}`, () => api()['people.list']({ academicYear: year }));
  const [editing, setEditing] = useState<Editing>(null);
  const notify = useNotify((s) => s.notify);
  const fail = useNotify((s) => s.fail);
  const nameOf = (id: string | null) => (id ? (people.data?.find((p) => p.id === id)?.name ?? id) : '—');

  async function unlock(a: Account) {
    try {
      await api()['accounts.unlock']({ id: a.id });
      notify(`Unlocked ${a.username}`, 'success');
    } catch (err) {
      fail(err, `Could not unlock ${a.username}`);
    }
  }

  return (
    <Page
      title="Accounts"
      subtitle={
        'Who may sign in to this program, and what each role may do. Every sign-in and change is in the ' + 'audit log.'
      }
      actions={
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => setEditing({ kind: 'new' })}
          data-testid="account-add"
        >
          Add account
        </Button>
      }
    >
      {accounts.error && <LoadError what="the accounts" error={accounts.error} onRetry={accounts.reload} />}
      {!accounts.data && !accounts.error && <LinearProgress aria-label="Loading the accounts" />}
      {accounts.data && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Accounts">
            <TableHead>
              <TableRow>
                <TableCell>Account</TableCell>
                <TableCell>Name</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>Acts for</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Last sign-in</TableCell>
                <TableCell align="right" />
              </TableRow>
            </TableHead>
            <TableBody>
              {accounts.data.map((a) => (
                <TableRow key={a.id} hover data-testid="account-row" data-username={a.username}>
                  <TableCell sx={{ fontWeight: 600 }}>{a.username}</TableCell>
                  <TableCell>{a.displayName}</TableCell>
                  <TableCell>{ACCOUNT_ROLE_LABELS[a.role]}</TableCell>
                  <TableCell>{nameOf(a.personId)}</TableCell>
                  <TableCell>
                    {/* Chips wrap rather than widen the table past its box (125 % zoom). */}
                    <Stack direction="row" useFlexGap spacing={0.5} sx={{ flexWrap: 'wrap' }}>
                      {a.disabled ? (
                        <Chip size="small" label="Disabled" />
                      ) : (
                        <Chip size="small" color="success" variant="outlined" label="Active" />
                      )}
                      {isLocked(a) && (
                        <Chip
                          size="small"
                          color="error"
                          label={`Locked until ${formatInstant(a.lockedUntil!)}`}
                          data-testid="account-locked"
                        />
                      )}
                      {a.mustChangePassword && <Chip size="small" variant="outlined" label="Temporary password" />}
                    </Stack>
                  </TableCell>
                  <TableCell>{a.lastSignInAt ? formatInstant(a.lastSignInAt) : 'Never'}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {isLocked(a) && (
                      <Button size="small" color="error" onClick={() => void unlock(a)}>
                        Unlock
                      </Button>
                    )}
                    <Button size="small" onClick={() => setEditing({ kind: 'reset', account: a })}>
                      New password
                    </Button>
                    <Button size="small" onClick={() => setEditing({ kind: 'edit', account: a })}>
                      Edit
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {editing?.kind === 'new' && (
        <AccountDialog account={null} people={people.data ?? []} onClose={() => setEditing(null)} />
      )}
      {editing?.kind === 'edit' && (
        <AccountDialog account={editing.account} people={people.data ?? []} onClose={() => setEditing(null)} />
      )}
      {editing?.kind === 'reset' && <ResetPasswordDialog account={editing.account} onClose={() => setEditing(null)} />}
    </Page>
  );
}
