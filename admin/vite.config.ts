import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The admin SPA, served by the Samizdat server under /admin/ (src/web/admin-app builds it with
// this config at start). Nothing inline: no module-preload polyfill snippet, no data: assets, so
// the admin's CSP can forbid inline script and style.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1000,
  },
});
