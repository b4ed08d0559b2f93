/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Port 1420 is tauri.conf.json's devUrl; strictPort so a busy port fails loudly
// instead of the window loading the wrong server.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { outDir: 'dist', target: 'safari15', chunkSizeWarningLimit: 4000 },
  test: {
    environment: 'jsdom',
    // Rendering antd in jsdom on a loaded 2-core machine takes seconds per page test.
    testTimeout: 60_000,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // Under vitest Node would load @oceanbase/design's CommonJS build, which
    // requires cssinjs's ESM files; use its ESM build, transformed by Vite, and
    // send the deep cssinjs import to cssinjs's CommonJS build.
    alias: [
      { find: /^@oceanbase\/design$/, replacement: '@oceanbase/design/es/index.js' },
      { find: /^@ant-design\/cssinjs\/es\/(.*)$/, replacement: '@ant-design/cssinjs/lib/$1' },
    ],
    server: { deps: { inline: [/@oceanbase[\\/]design/] } },
  },
});
