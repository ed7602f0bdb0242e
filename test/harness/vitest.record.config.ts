// Runs only the screen recorder: npx vitest run --config test/harness/vitest.record.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/harness/recordScreens.record.ts'],
    // The pinned Claude Code, installed into its cache when missing.
    globalSetup: ['test/harness/claudeSetup.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
