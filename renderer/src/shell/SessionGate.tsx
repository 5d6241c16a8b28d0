// Nothing of the program opens before someone is signed in: first run creates the administrator,
// then the sign-in screen, then (after a password reset) a new password. Without a program, the
// start page.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { useEffect, type ReactNode } from 'react';
import { ChangePasswordScreen } from '../accounts/ChangePasswordForm';
import { SetupScreen } from '../accounts/SetupScreen';
import { SignInScreen } from '../accounts/SignInScreen';
import { StartScreen } from './StartScreen';
import { useSession } from '../state/session';

export function SessionGate({ children }: { children: ReactNode }) {
  const status = useSession((s) => s.status);
  const error = useSession((s) => s.error);
  const load = useSession((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);

  if (!status)
    return error ? (
      <Box sx={{ p: 3, maxWidth: 720 }}>
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => void load()}>
              Try again
            </Button>
          }
        >
          Could not reach the program: {error.message}
        </Alert>
      </Box>
    ) : (
      <LinearProgress aria-label="Opening the program" />
    );
  // No program on this workstation: the start page (a review file, or make the program).
  if (status.programPath === null) return <StartScreen />;
  if (status.setupNeeded) return <SetupScreen />;
  if (!status.account) return <SignInScreen />;
  if (status.account.mustChangePassword) return <ChangePasswordScreen />;
  // A new key per account: nothing of the previous user's screens survives a switch.
  return (
    <Box key={status.account.id} sx={{ display: 'contents' }}>
      {children}
    </Box>
  );
}
