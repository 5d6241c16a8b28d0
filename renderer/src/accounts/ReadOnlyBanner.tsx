// The program file cannot be written here (its permissions, a read-only drive or share): said at
// the top of every view, so nobody works on changes that could not be saved.
import Alert from '@mui/material/Alert';
import { useSession } from './store';

export function ReadOnlyBanner() {
  const status = useSession((s) => s.status);
  if (!status?.readOnly) return null;
  return (
    <Alert severity="warning" sx={{ mx: 3, mt: 2 }} data-testid="read-only-banner">
      This program file is read-only here ({status.programPath}). You can look and export; changes cannot be saved. To
      make changes, save a copy you can write (File &gt; Save a copy) or ask for write access.
    </Alert>
  );
}
