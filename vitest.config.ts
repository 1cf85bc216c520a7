// Two worlds: Node specs (core, main with electron mocked, cli, preview, packaging, scripts, bench) and
// renderer specs in jsdom.
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/{core,main,cli,preview,packaging,scripts,bench}/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          server: { deps: { inline: ['electron-store'] } },
        },
        resolve: { alias: { electron: resolve(import.meta.dirname, 'test/main/electron-mock.ts') } },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
    ],
  },
});
