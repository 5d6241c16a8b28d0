// Renderer entry: mount the app shell with the theme, behind the sign-in.
import { CacheProvider } from '@emotion/react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { StrictMode, useEffect, useMemo } from 'react';
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
 * The theme the user chose, with the system's "reduce motion" setting; the page's `data-theme`
 * lets plain CSS (the block grid) follow it.
 */
function Themed({ children }: { children: React.ReactNode }) {
  const mode = usePrefs((s) => s.theme);
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)', { noSsr: true });
  const theme = useMemo(() => createAppTheme(mode, { reducedMotion }), [mode, reducedMotion]);
  useEffect(() => {
    document.documentElement.dataset.theme = mode;
    document.documentElement.style.colorScheme = mode;
  }, [mode]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
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
