// Restoring a backup, one guided step: what will happen (the current program is kept beside it,
// everyone is signed out), then the confirmation. The sign-in screen then says where the program
// as it was is kept (RestoredNotice).
import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { BackupEntry } from '../../../../core/api/contract';
import { useSession } from '../../state/session';
import { api, toApiError } from '../../api';
import { useProgram } from '../../state/program';
import { useRestored } from '../../state/restored';
import { REASON_WORDS, fileNameOf, sizeWords } from './words';
import { DialogSubmitActions } from '../../ui/DialogSubmitActions';

interface Props {
  backup: BackupEntry;
  onClose(): void;
}

export function RestoreDialog({ backup, onClose }: Props) {
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function restore() {
    setRestoring(true);
    setError(null);
    try {
      const { keptAs } = await api()['backups.restore']({ file: backup.file });
      useRestored.setState({ restored: { at: backup.at, keptAs } });
      // Everyone is signed out: the sign-in screen comes back, and everything is read anew after.
      void useProgram.getState().load();
      void useSession.getState().load();
    } catch (err) {
      setError(toApiError(err).message);
      setRestoring(false);
    }
  }

  return (
    <Dialog
      open
      onClose={restoring ? undefined : onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="restore-dialog-title"
    >
      <DialogTitle id="restore-dialog-title">Restore this backup?</DialogTitle>
      <DialogContent>
        <Typography variant="body2">
          The backup of <strong>{new Date(backup.at).toLocaleString()}</strong> ({REASON_WORDS[backup.reason]},{' '}
          {sizeWords(backup.bytes)}), {fileNameOf(backup.file)}, takes the place of the program file.
        </Typography>
        <Typography variant="body2" component="ol" sx={{ mt: 1.5, pl: 2.5, '& li': { mb: 0.5 } }}>
          <li>The backup is checked first; nothing changes if it is damaged.</li>
          <li>The program as it is now is kept beside it, as a file named “…before-restore-…”: nothing is lost.</li>
          <li>
            Everything changed since the backup (publications, drafts, settings, accounts) is no longer in the program.
          </li>
          <li>Everyone is signed out and signs in again.</li>
        </Typography>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="restore-error">
            Nothing was changed: {error}
          </Alert>
        )}
      </DialogContent>
      <DialogSubmitActions busy={restoring} onCancel={onClose} onSubmit={() => void restore()} color="warning">
        Restore
      </DialogSubmitActions>
    </Dialog>
  );
}
