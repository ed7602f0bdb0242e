/**
 * Starts a real Claude Code (the pinned native binary from the test cache,
 * see claudeCode.ts) in a pane of
 * a private tmux server, against a fake Anthropic API on loopback.
 *
 * Environment hygiene: a pane gets the tmux SERVER's environment plus `-e`.
 * {@link startTestServer} starts the server with a clean environment; on top
 * of that {@link startClaudeInTmux} sets every variable Claude Code depends
 * on with `-e`, and runs it through `env -u ...` to drop any ANTHROPIC_* /
 * CLAUDE_* the server may still carry (a server we did not start).
 * CLAUDE_CONFIG_DIR is always unset, so the config is `<HOME>/.claude.json`
 * and `<HOME>/.claude/` (sessions/, projects/).
 */
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTmux, waitFor } from './tmuxServer.js';
import { claudeBin } from './claudeCode.js';

export { claudeBin };

export interface ClaudeEnv {
  /** The private HOME. */
  home: string;
  /** `<home>/.claude`: sessions/ and projects/ live here (CLAUDE_CONFIG_DIR stays unset). */
  configDir: string;
  /** The trusted project directory Claude runs in (realpath). */
  cwd: string;
  /** Every variable the pane must have, set explicitly. */
  env: Record<string, string>;
}

/** Any value works; the last 20 characters are pre-approved in .claude.json. */
export const FAKE_API_KEY = 'sk-ant-api03-orch-tui-fake-key-0123456789abcdefghij';

/**
 * A temp HOME whose .claude.json says onboarding is done, the API key is
 * approved and the project is trusted, so start-up goes straight to the prompt.
 */
export async function makeClaudeHome(opts: { baseUrl: string; cwd?: string }): Promise<ClaudeEnv> {
  const home = await realpath(await mkdtemp(join(tmpdir(), 'orch-claude-home-')));
  const cwd = await realpath(opts.cwd ?? (await mkdtemp(join(tmpdir(), 'orch-claude-proj-'))));
  const configDir = join(home, '.claude');
  await mkdir(configDir, { recursive: true });
  // Claude Code otherwise writes task output under the shared /tmp/claude-<uid>/.
  const tmp = join(home, 'tmp');
  await mkdir(tmp);
  const config = {
    hasCompletedOnboarding: true,
    theme: 'dark',
    customApiKeyResponses: { approved: [FAKE_API_KEY.slice(-20)], rejected: [] },
    projects: { [cwd]: { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true } },
  };
  await writeFile(join(home, '.claude.json'), JSON.stringify(config, null, 2));
  return {
    home,
    configDir,
    cwd,
    env: {
      HOME: home,
      ANTHROPIC_BASE_URL: opts.baseUrl,
      ANTHROPIC_API_KEY: FAKE_API_KEY,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      CLAUDE_CODE_TMPDIR: tmp,
      TMPDIR: tmp,
      LANG: 'C.UTF-8',
    },
  };
}

/** Remove a home made by {@link makeClaudeHome} and its project directory (Claude may still be writing as it exits). */
export async function removeClaudeHome(env: ClaudeEnv): Promise<void> {
  for (const dir of [env.home, env.cwd]) await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/** `--permission-mode default` so tool calls ask (this version's default decides by itself). */
export function claudeArgv(extra: string[] = []): string[] {
  return [claudeBin(), '--permission-mode', 'default', ...extra];
}

export interface ClaudePane {
  paneId: string;
  /** The pane's pid, which is Claude's pid (`env` execs it): names the session file. */
  pid: number;
  sessionName: string;
  /** From new-session to the idle prompt. */
  startupMs: number;
}

/** Variables a server may carry that must not reach Claude. */
async function inheritedClaudeVars(socket: string): Promise<string[]> {
  const out = await runTmux(socket, ['show-environment', '-g']).catch(() => '');
  return out
    .split('\n')
    .map((line) => line.replace(/^-/, '').split('=')[0] ?? '')
    .filter((name) => /^(ANTHROPIC_|CLAUDE_)/.test(name));
}

/**
 * Creates session `name` on `socket` running Claude Code and waits for its
 * idle prompt. `remainOnExit` keeps the pane (and its last screen) after exit.
 */
export async function startClaudeInTmux(opts: {
  socket: string;
  env: ClaudeEnv;
  name?: string;
  args?: string[];
  extraEnv?: Record<string, string>;
  remainOnExit?: boolean;
  timeoutMs?: number;
}): Promise<ClaudePane> {
  const sessionName = opts.name ?? `claude-${Date.now().toString(36)}`;
  const vars = { ...opts.env.env, ...opts.extraEnv };
  const unset = new Set([...(await inheritedClaudeVars(opts.socket)), 'CLAUDE_CONFIG_DIR']);
  for (const name of Object.keys(vars)) unset.delete(name);
  const started = Date.now();
  const out = await runTmux(opts.socket, [
    'new-session', '-d', '-s', sessionName, '-x', '120', '-y', '40', '-c', opts.env.cwd,
    ...Object.entries(vars).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    '-P', '-F', '#{pane_id} #{pane_pid}',
    '--', 'env', ...[...unset].flatMap((name) => ['-u', name]), ...claudeArgv(opts.args),
    // Same invocation, so even an instant exit keeps the pane.
    ...(opts.remainOnExit ? [';', 'set-option', '-p', 'remain-on-exit', 'on'] : []),
  ]);
  const [paneId = '', pid = ''] = out.trim().split(' ');
  if (!/^%\d+$/.test(paneId)) throw new Error(`unexpected new-session output: ${out}`);
  await waitFor(async () => {
    const screen = await runTmux(opts.socket, ['capture-pane', '-p', '-J', '-t', paneId]);
    if (!isIdlePrompt(screen)) throw new Error(`no idle prompt yet:\n${screen}`);
  }, { timeoutMs: opts.timeoutMs ?? 30_000, message: 'Claude Code did not reach its prompt' });
  return { paneId, pid: Number(pid), sessionName, startupMs: Date.now() - started };
}

const RULE = /^─{20,}/;

/** The lines between the last two `─` rules: Claude's input box. */
export function inputBox(screen: string): string[] | undefined {
  const lines = screen.split('\n');
  const rules = lines.flatMap((line, i) => (RULE.test(line) ? [i] : []));
  const [top, bottom] = rules.slice(-2);
  if (top === undefined || bottom === undefined || top === bottom) return undefined;
  return lines.slice(top + 1, bottom);
}

/** The idle prompt: the input box starts with `❯` (not a numbered menu choice). */
export function isIdlePrompt(screen: string): boolean {
  const first = inputBox(screen)?.[0];
  return first !== undefined && /^❯(\s|$)/.test(first) && !/^❯\s+\d+\./.test(first);
}

/**
 * Types `text` with `send-keys -l`, waits until it shows in the input box,
 * presses Enter, and waits until the box no longer holds it. One retry of
 * Enter covers the "Enter lost right after start-up" case. Resolves to the
 * time (ms since epoch) of the Enter that was taken.
 */
export async function sendPrompt(socket: string, paneId: string, text: string): Promise<number> {
  const probe = text.slice(0, 30);
  const boxHasText = async () => (inputBox(await runTmux(socket, ['capture-pane', '-p', '-J', '-t', paneId])) ?? []).join('\n').includes(probe);
  await runTmux(socket, ['send-keys', '-t', paneId, '-l', '--', text]);
  await waitFor(async () => { if (!(await boxHasText())) throw new Error('typed text not visible'); }, { timeoutMs: 5_000, message: 'typed text never appeared' });
  for (let attempt = 0; ; attempt++) {
    const enterAt = Date.now();
    await runTmux(socket, ['send-keys', '-t', paneId, 'Enter']);
    try {
      await waitFor(async () => { if (await boxHasText()) throw new Error('still in the input box'); }, { timeoutMs: 2_000 });
      return enterAt;
    } catch (error) {
      if (attempt >= 1) throw error;
    }
  }
}

/** Claude Code's session file as seen so far (fields beyond these exist). */
export interface ClaudeSessionFile {
  pid: number;
  sessionId: string;
  cwd: string;
  version: string;
  status: 'idle' | 'busy' | 'waiting' | string;
  waitingFor?: string;
  tmux?: string;
  procStart?: string;
  updatedAt: number;
  statusUpdatedAt: number;
  [key: string]: unknown;
}

export function sessionFilePath(env: ClaudeEnv, pid: number): string {
  return join(env.configDir, 'sessions', `${pid}.json`);
}

/** The parsed session file, or null when it does not exist (yet / any more). */
export async function readSessionFile(env: ClaudeEnv, pid: number): Promise<ClaudeSessionFile | null> {
  try {
    return JSON.parse(await readFile(sessionFilePath(env, pid), 'utf8')) as ClaudeSessionFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error; // a half-written file: waitFor retries
  }
}
