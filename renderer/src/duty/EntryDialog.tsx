// What the moonlighting and callback dialogs share: their request state (saving, errors from the
// server beside their fields, the form's own error) and their actions (delete with a confirming
// second click, cancel, save).
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import { useState, type FormEvent } from 'react';
import { toApiError } from '../api';
import { useNotify } from '../state/notify';

/**
 * @param onClose closes the dialog after a request succeeded
 * @param fieldOf the form field that shows a server issue at this path (`start` → `startDate`…)
 */
export function useEntryRequests(onClose: () => void, fieldOf: (path: string) => string) {
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  /** Runs one request; on success says `done` and closes, else shows why (by field when it can). */
  async function run(request: () => Promise<unknown>, done: string, byField: boolean) {
    setSaving(true);
    try {
      await request();
      useNotify.getState().notify(done, 'success');
      onClose();
    } catch (err) {
      const data = toApiError(err);
      if (byField) setServerErrors(Object.fromEntries((data.issues ?? []).map((i) => [fieldOf(i.path), i.message])));
      setFormError(data.message);
    } finally {
      setSaving(false);
    }
  }

  return {
    touched,
    serverErrors,
    formError,
    saving,
    confirmDelete,
    askToDelete: () => setConfirmDelete(true),
    /** A change to the form clears what the server said about the last one. */
    clearErrors() {
      setServerErrors({});
      setFormError(null);
    },
    /** Submit: checks shown from now on; nothing is sent while the form has errors of its own. */
    submit(e: FormEvent, invalid: boolean, request: () => Promise<unknown>, done: string) {
      e.preventDefault();
      setTouched(true);
      if (!invalid) void run(request, done, true);
    },
    remove(request: () => Promise<unknown>, done: string) {
      void run(request, done, false);
    },
  };
}

interface ActionsProps {
  requests: ReturnType<typeof useEntryRequests>;
  /** Deletes the entry; absent for a new one. */
  onDelete?: () => void;
  onClose(): void;
  submitLabel: string;
}

export function EntryDialogActions({ requests, onDelete, onClose, submitLabel }: ActionsProps) {
  const { saving, confirmDelete, askToDelete } = requests;
  return (
    <DialogActions>
      {onDelete &&
        (confirmDelete ? (
          <Button color="error" variant="contained" onClick={onDelete} disabled={saving}>
            Delete for good
          </Button>
        ) : (
          <Button color="error" onClick={askToDelete}>
            Delete…
          </Button>
        ))}
      <Box sx={{ flex: 1 }} />
      <Button onClick={onClose}>Cancel</Button>
      <Button type="submit" variant="contained" disabled={saving}>
        {submitLabel}
      </Button>
    </DialogActions>
  );
}
