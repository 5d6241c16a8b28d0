// The app's look: dense, calm, system fonts only (no network, nothing to download).
import { createTheme } from '@mui/material/styles';

export const SYSTEM_FONT =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';

export const theme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#1f5f99', dark: '#174a78', light: '#e7f0f9' },
    secondary: { main: '#0f766e' },
    background: { default: '#f3f5f8', paper: '#ffffff' },
    text: { primary: '#1c2430', secondary: '#5b6676' },
    divider: '#e1e5eb',
  },
  shape: { borderRadius: 6 },
  typography: {
    fontFamily: SYSTEM_FONT,
    fontSize: 13,
    h5: { fontWeight: 650, fontSize: '1.35rem', letterSpacing: '-0.01em' },
    h6: { fontWeight: 600, fontSize: '1.05rem' },
    subtitle2: { fontWeight: 600 },
    button: { textTransform: 'none', fontWeight: 600 },
    overline: { fontWeight: 600, letterSpacing: '0.08em' },
  },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiPaper: { defaultProps: { elevation: 0 } },
    MuiCard: { defaultProps: { variant: 'outlined' } },
    MuiTableCell: {
      styleOverrides: {
        head: { fontWeight: 600, color: '#4a5565', backgroundColor: '#f8f9fb', whiteSpace: 'nowrap' },
        root: { borderColor: '#eceff3' },
      },
    },
    MuiTooltip: { defaultProps: { arrow: true, enterDelay: 400 } },
    MuiTextField: { defaultProps: { size: 'small' } },
    MuiSelect: { defaultProps: { size: 'small' } },
    MuiFormControl: { defaultProps: { size: 'small' } },
  },
});
