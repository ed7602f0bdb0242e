import { execa } from 'execa';
import { ensureClaudeCode } from './harness/claudeCode.js';

/**
 * End-to-end tests run the built CLI: build once before any test file runs.
 * Claude Code tests need the pinned Claude Code, which `npm ci` does not
 * bring: install it into its cache when it is missing.
 */
export default async function setup(): Promise<void> {
  await Promise.all([
    execa('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' }),
    ensureClaudeCode(),
  ]);
}
