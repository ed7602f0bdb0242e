// Runs only the generic-screen recorder: npx vitest run --config test/state/vitest.record.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/state/recordScreens.record.ts'],
    testTimeout: 60_000,
  },
});
