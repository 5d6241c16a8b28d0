// Renderer entry: mount the app shell with the theme, behind the sign-in.
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionGate } from './accounts/SessionGate';
import { AppShell } from './shell/AppShell';
import { theme } from './theme';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <SessionGate>
        <AppShell />
      </SessionGate>
    </ThemeProvider>
  </StrictMode>,
);
