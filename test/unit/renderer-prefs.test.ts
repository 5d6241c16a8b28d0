// The display preferences kept on the workstation: what is stored is read back, anything
// damaged or unknown falls back to its default.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, readPrefs } from '../../renderer/src/state/prefs';

describe('display preferences', () => {
  it('reads what was stored and keeps the defaults for the rest', () => {
    expect(readPrefs(null)).toEqual(DEFAULT_PREFS);
    expect(readPrefs(JSON.stringify({ density: 'comfortable', theme: 'dark' }))).toEqual({
      ...DEFAULT_PREFS,
      density: 'comfortable',
      theme: 'dark',
    });
    expect(readPrefs(JSON.stringify({ navCollapsed: true, legendOpen: true }))).toMatchObject({
      navCollapsed: true,
      legendOpen: true,
    });
  });

  it('ignores damaged or unknown values', () => {
    expect(readPrefs('{not json')).toEqual(DEFAULT_PREFS);
    expect(readPrefs(JSON.stringify({ density: 'huge', theme: 42, navCollapsed: 'yes' }))).toEqual(DEFAULT_PREFS);
  });
});
