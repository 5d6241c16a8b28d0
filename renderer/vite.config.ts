// Vite build of the renderer: a static bundle (relative paths, so it loads from file:// in
// Electron and from the browser test host alike) with no runtime network access.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Electron's Chromium and the test host's Chromium are both current.
    target: 'es2023',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    // No inline module-preload polyfill: the CSP forbids inline scripts.
    modulePreload: { polyfill: false },
  },
  server: { strictPort: true },
});
