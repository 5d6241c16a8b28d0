// The signed-in account in the top bar: who and in which role, change password, sign out.
import AccountCircleOutlined from '@mui/icons-material/AccountCircleOutlined';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useState } from 'react';
import { api } from '../api';
import { useNotify } from '../state/notify';
import { ChangePasswordForm } from './ChangePasswordForm';
import { ACCOUNT_ROLE_LABELS } from '../lib/accountRoles';
import { useSession } from '../state/session';

export function AccountMenu() {
  const account = useSession((s) => s.status?.account ?? null);
  const apply = useSession((s) => s.apply);
  const notify = useNotify((s) => s.notify);
  const fail = useNotify((s) => s.fail);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [changing, setChanging] = useState(false);
  if (!account) return null;

  const signOut = () => {
    setAnchor(null);
    apply(() => api()['session.signOut']({})).catch((err) => fail(err, 'Could not sign out'));
  };

  return (
    <>
      <Button
        color="inherit"
        startIcon={<AccountCircleOutlined />}
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-haspopup="menu"
        data-testid="account-menu"
        sx={{ textAlign: 'left', lineHeight: 1.15, px: 1 }}
      >
        <span>
          <span style={{ display: 'block', fontSize: 13 }}>{account.displayName}</span>
          <span style={{ display: 'block', fontSize: 11, opacity: 0.75, fontWeight: 500 }} data-testid="account-role">
            {ACCOUNT_ROLE_LABELS[account.role]}
          </span>
        </span>
      </Button>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <MenuItem disabled>
          <ListItemText
            primary={account.displayName}
            secondary={`${account.username} · ${ACCOUNT_ROLE_LABELS[account.role]}`}
          />
        </MenuItem>
        <Divider />
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setChanging(true);
          }}
        >
          Change password…
        </MenuItem>
        <MenuItem onClick={signOut}>Sign out</MenuItem>
      </Menu>
      <Dialog
        open={changing}
        onClose={() => setChanging(false)}
        maxWidth="xs"
        fullWidth
        aria-labelledby="change-password-title"
      >
        <DialogTitle id="change-password-title">Change your password</DialogTitle>
        <DialogContent>
          <ChangePasswordForm
            onDone={() => {
              setChanging(false);
              notify('Your password was changed', 'success');
            }}
            extraActions={<Button onClick={() => setChanging(false)}>Cancel</Button>}
          />
        </DialogContent>
      </Dialog>
    </>
  );
}
