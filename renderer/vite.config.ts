import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** Builds the renderer into dist/renderer with relative URLs, so Electron can load it from disk. */
export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // The contract and domain modules live in shared/, outside the renderer root.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    fs: { allow: [repositoryRoot] },
  },
});
