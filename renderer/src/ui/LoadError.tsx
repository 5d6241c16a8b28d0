// A failed read, said plainly, with a way to try again.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import type { ApiErrorData } from '../../../core/api/contract';

export function LoadError({ what, error, onRetry }: { what: string; error: ApiErrorData; onRetry?: () => void }) {
  return (
    <Alert
      severity="error"
      variant="outlined"
      sx={{ mb: 2 }}
      action={
        onRetry && (
          <Button color="inherit" size="small" onClick={onRetry}>
            Try again
          </Button>
        )
      }
    >
      <AlertTitle>Could not load {what}</AlertTitle>
      {error.message}
    </Alert>
  );
}
