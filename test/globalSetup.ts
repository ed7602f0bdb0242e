import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { claudeBinDir, ensureClaudeCode } from './harness/claudeCode.js';

/**
 * End-to-end tests run the built CLI: build once before any test file runs.
 * Claude Code tests need the pinned Claude Code, which `npm ci` does not
 * bring: install it into its cache when it is missing, and put it on the
 * PATH the test files inherit, so a worker created as `claude` (by name, as
 * a person would) finds it, as it did when npx put node_modules/.bin there.
 *
 * orch-tui keeps task journals, locks and worker reports in its state
 * directory. Every test process and tmux server the tests start inherits a
 * state home of the run's own (a test may still give one of its own), so a
 * run leaves nothing in the user's ~/.local/state; it is removed at the end.
 */
export default async function setup(): Promise<() => void> {
  const stateHome = mkdtempSync(path.join(os.tmpdir(), 'orch-test-state-'));
  process.env['XDG_STATE_HOME'] = stateHome;
  await Promise.all([
    execa('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' }),
    ensureClaudeCode(),
  ]);
  process.env['PATH'] = [claudeBinDir(), process.env['PATH'] ?? ''].join(path.delimiter);
  return () => rmSync(stateHome, { recursive: true, force: true });
}
