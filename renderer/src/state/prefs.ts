// The user's display preferences on this workstation: grid density, the legend shown or hidden,
// the navigation rail collapsed or open, light or dark. Kept in localStorage (they are the
// user's, not the program's); a value that cannot be read falls back to its default.
import { createUserStore } from './store';

export type Density = 'comfortable' | 'compact';
export type ThemeMode = 'light' | 'dark';

export interface Prefs {
  density: Density;
  legendOpen: boolean;
  navCollapsed: boolean;
  theme: ThemeMode;
}

interface PrefsState extends Prefs {
  set(patch: Partial<Prefs>): void;
}

const KEY = 'residency-scheduler.prefs';

/** Compact by default: a 1280×720 workstation then shows two weeks of a dozen people. */
export const DEFAULT_PREFS: Prefs = { density: 'compact', legendOpen: false, navCollapsed: false, theme: 'light' };

/** Stored preferences, each checked; anything unknown keeps its default. */
export function readPrefs(text: string | null): Prefs {
  let stored: Partial<Record<keyof Prefs, unknown>> = {};
  try {
    const parsed = text ? (JSON.parse(text) as unknown) : null;
    if (parsed && typeof parsed === 'object') stored = parsed as typeof stored;
  } catch {
    // A damaged entry: the defaults.
  }
  return {
    density: stored.density === 'comfortable' || stored.density === 'compact' ? stored.density : DEFAULT_PREFS.density,
    legendOpen: typeof stored.legendOpen === 'boolean' ? stored.legendOpen : DEFAULT_PREFS.legendOpen,
    navCollapsed: typeof stored.navCollapsed === 'boolean' ? stored.navCollapsed : DEFAULT_PREFS.navCollapsed,
    theme: stored.theme === 'dark' || stored.theme === 'light' ? stored.theme : DEFAULT_PREFS.theme,
  };
}

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

export const usePrefs = createUserStore<PrefsState>((set, get) => ({
  ...readPrefs(storage()?.getItem(KEY) ?? null),
  set(patch) {
    set(patch);
    const { density, legendOpen, navCollapsed, theme } = get();
    try {
      storage()?.setItem(KEY, JSON.stringify({ density, legendOpen, navCollapsed, theme }));
    } catch {
      // Storage full or refused: the preference holds for this session.
    }
  },
}));
