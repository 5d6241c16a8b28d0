// Renderer entry: mount the app shell with the theme, behind the sign-in.
import { CacheProvider } from '@emotion/react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider, useColorScheme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { StrictMode, useLayoutEffect, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionGate } from './shell/SessionGate';
import { condensedFontReady } from './lib/fonts';
import { AppShell } from './shell/AppShell';
import { usePrefs } from './state/prefs';
import { createAppTheme } from './theme';
import { styleCache } from './lib/styleCache';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

/**
 * The theme the user chose, with the system's "reduce motion" setting. Both schemes are in the page's
 * CSS; the provider (not the browser's storage: the choice is kept in state/prefs.ts) marks the one in
 * force on the page's `data-theme`, which plain CSS (the block grid) follows too.
 */
function Themed({ children }: { children: React.ReactNode }) {
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)', { noSsr: true });
  const theme = useMemo(() => createAppTheme({ reducedMotion }), [reducedMotion]);
  return (
    <ThemeProvider theme={theme} defaultMode={usePrefs.getState().theme} storageManager={null}>
      <CssBaseline />
      <SchemeFollowsPrefs />
      {children}
    </ThemeProvider>
  );
}

/** Hands the user's choice to the provider: a switch re-renders this alone, and the browser restyles the page. */
function SchemeFollowsPrefs() {
  const mode = usePrefs((s) => s.theme);
  const { setMode } = useColorScheme();
  useLayoutEffect(() => setMode(mode), [mode, setMode]);
  return null;
}

// The grid measures its texts in the bundled condensed face: it is loaded before the first render.
void condensedFontReady().then(() =>
  createRoot(root).render(
    <StrictMode>
      <CacheProvider value={styleCache}>
        <Themed>
          <SessionGate>
            <AppShell />
          </SessionGate>
        </Themed>
      </CacheProvider>
    </StrictMode>,
  ),
);
