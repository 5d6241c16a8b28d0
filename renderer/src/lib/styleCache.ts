// The style cache of MUI's styling engine (emotion), without emotion's vendor prefixer: the app
// runs only in Chromium (Electron's; the test host's), which takes every property MUI writes
// unprefixed, so the -moz-, -ms- and -webkit- copies the prefixer adds to each rule were work for
// nothing at every render that inserts styles, and each copy Chromium does not know made
// insertRule throw (caught inside emotion). Same key as emotion's default cache: the same classes.
import createCache from '@emotion/cache';

export const styleCache = createCache({ key: 'css', stylisPlugins: [] });
