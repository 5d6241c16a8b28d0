// The application frame: top bar, navigation, the current view and the snackbar.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { useEffect } from 'react';
import { AuditChainBanner } from '../accounts/AuditChainBanner';
import { BackupBanner } from '../backups/BackupBanner';
import { ReadOnlyBanner } from '../accounts/ReadOnlyBanner';
import { GenerationHost } from '../generate/GenerationHost';
import { useProgram } from '../state/program';
import { SwapRequestHost } from '../swaps/RequestDialog';
import { NAV_COLLAPSED_WIDTH, NAV_WIDTH, TOP_BAR_HEIGHT } from './layout';
import { usePrefs } from '../state/prefs';
import { NavRail } from './NavRail';
import { Notifier } from './Notifier';
import { TopBar } from './TopBar';
import { ViewOutlet } from './ViewOutlet';

export function AppShell() {
  const info = useProgram((s) => s.info);
  const error = useProgram((s) => s.error);
  const load = useProgram((s) => s.load);
  const navWidth = usePrefs((s) => (s.navCollapsed ? NAV_COLLAPSED_WIDTH : NAV_WIDTH));

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Box sx={{ display: 'flex', height: '100vh', overflow: 'hidden' }}>
      <TopBar />
      <NavRail />
      <Box
        component="main"
        sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', mt: `${TOP_BAR_HEIGHT}px`, maxWidth: `calc(100vw - ${navWidth}px)` }}
      >
        {info ? (
          <>
            <ReadOnlyBanner />
            <AuditChainBanner />
            <BackupBanner />
            <ViewOutlet />
          </>
        ) : error ? (
          <Box sx={{ p: 3, maxWidth: 720 }}>
            <Alert
              severity="error"
              action={
                <Button color="inherit" size="small" onClick={() => void load()}>
                  Try again
                </Button>
              }
            >
              <AlertTitle>The program could not be opened</AlertTitle>
              {error.message}
            </Alert>
          </Box>
        ) : (
          <LinearProgress aria-label="Opening the program" />
        )}
      </Box>
      <Notifier />
      {info && <GenerationHost />}
      {info && <SwapRequestHost />}
    </Box>
  );
}
