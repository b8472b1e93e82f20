import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Absolute root so the config works from any cwd, including when the local host embeds Vite in
// middleware mode with `configFile: 'web/vite.config.ts'`. No proxy: the app is always served
// same-origin with /api and /.auth.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
});
