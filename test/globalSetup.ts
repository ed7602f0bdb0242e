import path from 'node:path';
import { execa } from 'execa';
import { claudeBinDir, ensureClaudeCode } from './harness/claudeCode.js';

/**
 * End-to-end tests run the built CLI: build once before any test file runs.
 * Claude Code tests need the pinned Claude Code, which `npm ci` does not
 * bring: install it into its cache when it is missing, and put it on the
 * PATH the test files inherit, so a worker created as `claude` (by name, as
 * a person would) finds it, as it did when npx put node_modules/.bin there.
 */
export default async function setup(): Promise<void> {
  await Promise.all([
    execa('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' }),
    ensureClaudeCode(),
  ]);
  process.env['PATH'] = [claudeBinDir(), process.env['PATH'] ?? ''].join(path.delimiter);
}
