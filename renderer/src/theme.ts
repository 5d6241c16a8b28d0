// The app's look: dense, calm, system fonts only (no network, nothing to download). Light by
// default; a dark theme for night shifts (the user's choice, state/prefs.ts). Surfaces views use
// besides paper and the page: `background.nav` (the navigation rail) and `background.subtle`
// (table heads, quiet panels); the block grid reads the same colours as CSS variables.
// One theme holds both palettes as CSS variables (`theme.vars`), each scheme under the page's
// `data-theme`: a switch changes that attribute and the browser restyles, with no React render. So a
// colour read in JS is `theme.vars.palette.…` (or `theme.alpha(theme.vars…)`), never `theme.palette`,
// which holds the light palette only.
import { createTheme, type Theme } from '@mui/material/styles';
import type {} from '@mui/material/themeCssVarsAugmentation';
import type { ThemeMode } from './state/prefs';

declare module '@mui/material/styles' {
  interface TypeBackground {
    nav: string;
    subtle: string;
  }
}

export const SYSTEM_FONT =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';

const PALETTES = {
  light: {
    primary: { main: '#1f5f99', dark: '#174a78', light: '#e7f0f9' },
    secondary: { main: '#0f766e' },
    // Darker than MUI's orange and light blue: text and chips in these colours read at 4.5:1 on
    // paper, and white text on them too (WCAG AA).
    warning: { main: '#b45309' },
    info: { main: '#0369a1' },
    background: { default: '#f3f5f8', paper: '#ffffff', nav: '#fbfcfd', subtle: '#f8f9fb' },
    // Secondary text reads at 4.5:1 on a menu item that is keyboard-focused (and selected), the
    // darkest background MUI paints under it (#5b6676 was 4.4:1 there).
    text: { primary: '#1c2430', secondary: '#566170' },
    divider: '#e1e5eb',
  },
  dark: {
    primary: { main: '#8ab8e6', dark: '#b9d4ef', light: '#1d3550' },
    secondary: { main: '#5eead4' },
    background: { default: '#0f151c', paper: '#161e28', nav: '#121922', subtle: '#1b2531' },
    // As in light: 4.5:1 on a selected, focused menu item (#a9b4c2 was 4.4:1 there).
    text: { primary: '#e6ebf1', secondary: '#b4bfcc' },
    divider: '#2a3543',
  },
} satisfies Record<ThemeMode, object>;

/**
 * A filled alert (a notice) in the dark theme as MUI draws it without CSS variables: on the severity's dark
 * shade, the text that reads on its main colour. With variables MUI takes the dark shade's own contrast text,
 * white, which reads at 4.1:1 on success's dark green (below WCAG AA).
 */
function darkFilledAlertText(): Record<`${'error' | 'info' | 'success' | 'warning'}FilledColor`, string> {
  const { palette } = createTheme({ palette: { mode: 'dark', ...PALETTES.dark } });
  return {
    errorFilledColor: palette.getContrastText(palette.error.main),
    infoFilledColor: palette.getContrastText(palette.info.main),
    successFilledColor: palette.getContrastText(palette.success.main),
    warningFilledColor: palette.getContrastText(palette.warning.main),
  };
}

/** The page's attribute that names the scheme in force (`data-theme="dark"`); plain CSS (the grid) reads it too. */
const THEME_ATTRIBUTE = 'data-theme';

/**
 * What the operating system asks of motion. With `reducedMotion` (the user's "reduce motion"
 * setting, `prefers-reduced-motion: reduce`) nothing slides, grows or fades: dialogs,
 * menus and panels appear and go at once.
 */
export interface ThemeOptions {
  reducedMotion?: boolean;
}

/**
 * MUI's transition durations, all zero, and no CSS transition: the theme's part of reduced motion.
 * `motion` also stills MUI's endless animations (the spinning and sliding progress indicators): a
 * still bar or arc still says "working", and a page no longer repaints 60 times a second while it waits.
 */
const NO_MOTION = {
  motion: { reducedMotion: 'always' },
  transitions: {
    create: () => 'none',
    duration: {
      shortest: 0,
      shorter: 0,
      short: 0,
      standard: 0,
      complex: 0,
      enteringScreen: 0,
      leavingScreen: 0,
    },
  },
} as const;

export function createAppTheme({ reducedMotion = false }: ThemeOptions = {}): Theme {
  // Menus and popovers size their grow by their height ('auto'), not by the theme's durations.
  const noAutoMotion = reducedMotion ? { transitionDuration: 0 } : {};
  return createTheme({
    ...(reducedMotion ? NO_MOTION : {}),
    cssVariables: { colorSchemeSelector: THEME_ATTRIBUTE },
    colorSchemes: {
      light: { palette: PALETTES.light },
      dark: { palette: { ...PALETTES.dark, Alert: darkFilledAlertText() } },
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
      MuiPopover: { defaultProps: noAutoMotion },
      MuiMenu: { defaultProps: noAutoMotion },
      MuiPaper: { defaultProps: { elevation: 0 } },
      MuiCard: { defaultProps: { variant: 'outlined' } },
      MuiTableCell: {
        styleOverrides: {
          head: ({ theme }) => ({
            fontWeight: 600,
            color: theme.vars.palette.text.secondary,
            backgroundColor: theme.vars.palette.background.subtle,
            whiteSpace: 'nowrap',
          }),
          root: ({ theme }) => ({
            borderColor: theme.vars.palette.divider,
            // A narrower window (1280×720, or at 125 % zoom) keeps every column of a list in view:
            // half the side padding rather than a table wider than its page.
            '@media (max-width: 1439.95px)': { paddingLeft: 8, paddingRight: 8 },
          }),
        },
      },
      MuiTooltip: { defaultProps: { arrow: true, enterDelay: 400 } },
      // A progress bar is named for screen readers; one that measures something says what.
      MuiLinearProgress: { defaultProps: { 'aria-label': 'Loading' } },
      MuiCircularProgress: { defaultProps: { 'aria-label': 'Loading' } },
      // MUI's default (the action colour) is below 4.5:1 on the page background.
      MuiToggleButton: { styleOverrides: { root: ({ theme }) => ({ color: theme.vars.palette.text.secondary }) } },
      MuiTextField: { defaultProps: { size: 'small' } },
      MuiSelect: { defaultProps: { size: 'small' } },
      MuiFormControl: { defaultProps: { size: 'small' } },
    },
  });
}
