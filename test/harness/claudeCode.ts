/**
 * The pinned Claude Code the tests run, kept out of `npm ci`: its native
 * binary is ~356 MB and only the tests need it. It is installed with npm,
 * like any package, into a cache outside the clone that later runs (and a
 * CI cache) reuse:
 *
 *   $ORCH_TUI_CLAUDE_CACHE, else $XDG_CACHE_HOME/orch-tui/claude-code/<version>,
 *   else ~/.cache/orch-tui/claude-code/<version>
 *
 * `ensureClaudeCode()` runs once per test run (test/globalSetup.ts);
 * `claudeBin()` only finds it, and says how to install it when it is missing.
 */
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

/** The version the recorded screens and every Claude test were checked against. */
export const CLAUDE_CODE_VERSION = '2.1.328';
export const CLAUDE_CODE_PACKAGE = `@anthropic-ai/claude-code@${CLAUDE_CODE_VERSION}`;

/** Where the pinned Claude Code is (or will be) installed. */
export function claudeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['ORCH_TUI_CLAUDE_CACHE']) return path.resolve(env['ORCH_TUI_CLAUDE_CACHE']);
  const cacheHome = env['XDG_CACHE_HOME'] || path.join(env['HOME'] || homedir(), '.cache');
  return path.join(cacheHome, 'orch-tui', 'claude-code', CLAUDE_CODE_VERSION);
}

/** The directory holding the `claude` command (for a PATH). */
export function claudeBinDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(claudeCacheDir(env), 'node_modules', '.bin');
}

/** The installed native binary, or a clear error saying how to install it. */
export function claudeBin(env: NodeJS.ProcessEnv = process.env): string {
  const link = path.join(claudeBinDir(env), 'claude');
  if (!existsSync(link)) {
    throw new Error(
      `Claude Code ${CLAUDE_CODE_VERSION} is not installed in ${claudeCacheDir(env)}; ` +
        `npm test installs it, or run: npm install --prefix ${claudeCacheDir(env)} ${CLAUDE_CODE_PACKAGE}`,
    );
  }
  return realpathSync(link);
}

/** The version an installed binary reports, or undefined when it does not run. */
async function installedVersion(bin: string): Promise<string | undefined> {
  const result = await execa(bin, ['--version'], { reject: false, timeout: 30_000, stdin: 'ignore' });
  return result.exitCode === 0 ? /^(\S+)/.exec(result.stdout.trim())?.[1] : undefined;
}

/**
 * Install the pinned Claude Code into the cache unless it is there and
 * runs. Installs into a sibling directory first and renames it into place,
 * so two test runs at once never see half an installation.
 */
export async function ensureClaudeCode(log: (line: string) => void = (line) => process.stderr.write(line + '\n')): Promise<string> {
  const dir = claudeCacheDir();
  const link = path.join(claudeBinDir(), 'claude');
  if (existsSync(link) && (await installedVersion(link)) === CLAUDE_CODE_VERSION) return realpathSync(link);
  const staging = `${dir}.installing-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  log(`Installing ${CLAUDE_CODE_PACKAGE} for the tests into ${dir} (once; about 360 MB)...`);
  const started = Date.now();
  await execa('npm', ['install', '--prefix', staging, '--no-save', '--no-audit', '--no-fund', '--loglevel', 'error', CLAUDE_CODE_PACKAGE], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const staged = path.join(staging, 'node_modules', '.bin', 'claude');
  const version = existsSync(staged) ? await installedVersion(staged) : undefined;
  if (version !== CLAUDE_CODE_VERSION) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(
      `npm installed ${CLAUDE_CODE_PACKAGE} but its claude binary does not run (it reported ${version ?? 'nothing'}); ` +
        'its postinstall script links the native binary: check that npm runs install scripts.',
    );
  }
  if (existsSync(link) && (await installedVersion(link)) === CLAUDE_CODE_VERSION) {
    // Another run installed it meanwhile, and may be using it: keep that one.
    await rm(staging, { recursive: true, force: true });
    return realpathSync(link);
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true });
  await rename(staging, dir).catch(async (error: unknown) => {
    // Another run finished first: its copy is as good as ours.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(link)) throw error;
  });
  log(`Installed Claude Code ${CLAUDE_CODE_VERSION} in ${Math.round((Date.now() - started) / 1000)} s.`);
  return realpathSync(link);
}
