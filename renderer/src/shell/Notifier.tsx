// Shows the app's one snackbar: successes briefly, errors until dismissed.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Snackbar from '@mui/material/Snackbar';
import { useNotify } from '../state/notify';

export function Notifier() {
  const notice = useNotify((s) => s.current);
  const dismiss = useNotify((s) => s.dismiss);
  if (!notice) return null;
  return (
    <Snackbar
      key={notice.id}
      open
      onClose={(_, reason) => reason !== 'clickaway' && dismiss()}
      autoHideDuration={notice.severity === 'error' ? null : 5000}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
    >
      <Alert
        severity={notice.severity}
        variant="filled"
        onClose={dismiss}
        data-testid="snackbar"
        role={notice.severity === 'error' ? 'alert' : 'status'}
        sx={{ minWidth: 320, maxWidth: 640, alignItems: 'flex-start' }}
      >
        {notice.message}
        {notice.details.length > 0 && (
          <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
            {notice.details.slice(0, 8).map((d) => (
              <li key={d}>{d}</li>
            ))}
          </Box>
        )}
      </Alert>
    </Snackbar>
  );
}
