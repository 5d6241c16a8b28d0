// A view the signed-in account's role may not open (e.g. a bookmarked link from another user).
import Alert from '@mui/material/Alert';
import { ACCOUNT_ROLE_LABELS } from '../lib/accountRoles';
import { useSession } from '../state/session';
import { Page } from '../ui/Page';
import type { NavItem } from '../lib/nav';

export function NotForYourRole({ item }: { item: NavItem }) {
  const role = useSession((s) => s.status?.account?.role);
  return (
    <Page title={item.label}>
      <Alert severity="info" sx={{ maxWidth: 720 }} data-testid="not-for-role">
        {role ? `${ACCOUNT_ROLE_LABELS[role]} accounts` : 'This account'} cannot open {item.label}. Ask an administrator
        if you need it.
      </Alert>
    </Page>
  );
}
