// The application frame: top bar, navigation, the current view and the snackbar.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import { useEffect } from 'react';
import { GenerationHost } from '../generate/GenerationHost';
import { useProgram } from '../state/program';
import { SwapRequestHost } from '../swaps/RequestDialog';
import { NAV_COLLAPSED_WIDTH, NAV_WIDTH, TOP_BAR_HEIGHT } from '../ui/layout';
import { usePrefs } from '../state/prefs';
import { useSession } from '../state/session';
import { NavRail } from './NavRail';
import { SearchDialog, useSearchShortcut } from '../search/SearchDialog';
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

  useSearchShortcut();
  // Residents and faculty open on their own schedule (unless a link names another view).
  const personal = useSession(
    (st) => st.status?.account?.personId != null && ['resident', 'faculty'].includes(st.status.account.role),
  );
  useEffect(() => {
    if (personal && (window.location.hash === '' || window.location.hash === '#/')) window.location.replace('#/person');
  }, [personal]);

  return (
    <Box sx={{ display: 'flex', height: '100vh', overflow: 'hidden' }}>
      <TopBar />
      <NavRail />
      <Box
        component="main"
        sx={{
          flex: 1,
          minWidth: 0,
          display: 'flex',
          flexDirection: 'column',
          mt: `${TOP_BAR_HEIGHT}px`,
          maxWidth: `calc(100vw - ${navWidth}px)`,
        }}
      >
        {info ? (
          <>
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
      {info && <SearchDialog />}
      {info && <GenerationHost />}
      {info && <SwapRequestHost />}
    </Box>
  );
}
