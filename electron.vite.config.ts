import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

// main/ and preload/ are CommonJS bundles (the package has no "type": "module", so a sandboxed
// preload stays loadable); dependencies stay external and load from node_modules at run time.
// The renderer is a plain browser bundle: the same files are served by `npm run serve`.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    // The core's worker thread is its own file beside index.js (src-core/host/worker/entry-file.ts).
    build: { rollupOptions: { input: { index: resolve(__dirname, 'main/index.ts'), 'core-worker': resolve(__dirname, 'src-core/host/worker/entry.ts') } } },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: { rollupOptions: { input: { index: resolve(__dirname, 'preload/index.ts') } } },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: { rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } } },
  },
});
