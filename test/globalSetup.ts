import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { claudeBinDir, ensureClaudeCode } from './harness/claudeCode.js';
import { forgetCiEnvironment } from '../src/cli/terminalScreen.js';

/**
 * End-to-end tests run the built CLI: build once before any test file runs.
 * Claude Code tests need the pinned Claude Code, which `npm ci` does not
 * bring: install it into its cache when it is missing, and put it on the
 * PATH the test files inherit, so a worker created as `claude` (by name, as
 * a person would) finds it, as it did when npx put node_modules/.bin there.
 *
 * A run leaves nothing behind: every test process (and every tmux server
 * the tests start, see cleanTmuxEnv) inherits a directory of the run's own
 * for temp files (TMPDIR: Claude homes, projects, repositories) and for
 * orch-tui's state (XDG_STATE_HOME: task journals, locks, worker reports;
 * never the user's ~/.local/state). It is removed when the run ends, even
 * after a test that forgot to clean up.
 *
 * Nor does a run depend on CI variables: the dashboard drops them before
 * Ink loads (Ink would otherwise print only its last frame), so tests that
 * render with Ink's real renderer, and the programs they start, get the
 * environment the dashboard gives itself, on CI as on a laptop.
 */
export default async function setup(): Promise<() => void> {
  forgetCiEnvironment();
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'orch-test-run-'));
  for (const [name, sub] of [['TMPDIR', 'tmp'], ['XDG_STATE_HOME', 'state']] as const) {
    mkdirSync(path.join(runDir, sub));
    process.env[name] = path.join(runDir, sub);
  }
  await Promise.all([
    execa('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' }),
    ensureClaudeCode(),
  ]);
  process.env['PATH'] = [claudeBinDir(), process.env['PATH'] ?? ''].join(path.delimiter);
  return () => rmSync(runDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
