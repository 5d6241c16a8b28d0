// A dialog's Cancel and its main action: both off while the action runs, which a spinner on the action shows,
// so nothing is sent twice and nothing is closed half-saved.
import Button, { type ButtonProps } from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import DialogActions from '@mui/material/DialogActions';
import type { ReactNode } from 'react';

export function DialogSubmitActions({
  busy,
  onCancel,
  onSubmit,
  color,
  testId,
  children,
}: {
  busy: boolean;
  onCancel: () => void;
  /** The action when it is not the form's submit (the dialog has no form). */
  onSubmit?: () => void;
  color?: ButtonProps['color'];
  testId?: string;
  /** The action's label. */
  children: ReactNode;
}) {
  return (
    <DialogActions sx={{ px: 3, py: 1.5 }}>
      <Button onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
      <Button
        type={onSubmit ? 'button' : 'submit'}
        onClick={onSubmit}
        variant="contained"
        color={color}
        disabled={busy}
        data-testid={testId}
        startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
      >
        {children}
      </Button>
    </DialogActions>
  );
}
