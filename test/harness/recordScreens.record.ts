/**
 * Records real Claude Code screens as fixtures for the state detectors.
 *
 *   npx vitest run --config test/harness/vitest.record.config.ts
 *
 * (A vitest file because vitest already runs TypeScript; tsx is not installed.
 * Its name ends in `.record.ts`, so the normal `npm test` never runs it.)
 *
 * Drives one Claude Code (the tests' pinned version) in a private tmux server
 * against the fake API through: idle, working, finished-turn,
 * waiting-permission, compacting, retrying, error, error-rate-limit (429),
 * error-auth (401), exited. For each it writes
 * into test/fixtures/claude/<version>/:
 *   <name>.txt           capture-pane -p -J       (what a person sees)
 *   <name>.ansi.txt      capture-pane -p -J -e    (with colours/attributes)
 *   <name>.session.json  ~/.claude/sessions/<pid>.json at that moment (null once gone)
 * and index.json: per fixture the session status and how long after the
 * action (Enter / key) the status was observed.
 *
 * The machine id inside the session file's `pidDomain` is replaced by zeros.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { startFakeAnthropic } from './fakeAnthropic.js';
import {
  claudeBin, makeClaudeHome, readSessionFile, sendPrompt, startClaudeInTmux,
  type ClaudeSessionFile,
} from './claudeWorker.js';
import { startTestServer, waitFor } from './tmuxServer.js';

interface IndexEntry {
  name: string;
  status: string | null;
  waitingFor?: string;
  paneDead: boolean;
  /** From the action that led here to the moment the session file showed `status`. */
  statusLatencyMs?: number;
  /** The screen text the recorder waited for. */
  waitedFor: string;
}

function redact(file: ClaudeSessionFile | null): unknown {
  if (!file) return null;
  const copy: Record<string, unknown> = { ...file };
  if (typeof copy.pidDomain === 'string') copy.pidDomain = copy.pidDomain.replace(/:[0-9a-f]{32}:/, `:${'0'.repeat(32)}:`);
  return copy;
}

it('records Claude Code screens', { timeout: 180_000 }, async () => {
  const { stdout: versionLine } = await execa(claudeBin(), ['--version']);
  const version = /^(\d+\.\d+\.\d+)/.exec(versionLine)?.[1];
  if (!version) throw new Error(`cannot read the version from: ${versionLine}`);
  const outDir = fileURLToPath(new URL(`../fixtures/claude/${version}/`, import.meta.url));
  await mkdir(outDir, { recursive: true });

  const server = await startTestServer();
  const api = await startFakeAnthropic();
  const env = await makeClaudeHome({ baseUrl: api.url });
  const index: IndexEntry[] = [];
  try {
    // One retry, one second apart: the error screen comes in ~1 s, not minutes.
    const claude = await startClaudeInTmux({
      socket: server.socket, env, name: 'worker', remainOnExit: true,
      extraEnv: { CLAUDE_CODE_MAX_RETRIES: '1' },
    });
    console.log(`Claude Code ${version} reached its prompt in ${claude.startupMs} ms`);

    /** Waits for `screenText` and (unless undefined) `status`, then writes the three files. */
    async function record(name: string, screenText: string | RegExp, status: string | null | undefined, actionAt: number) {
      let statusSeenAt: number | undefined;
      await waitFor(async () => {
        const file = await readSessionFile(env, claude.pid);
        if (status !== undefined && (file?.status ?? null) !== status) throw new Error(`status ${file?.status}`);
        statusSeenAt ??= Date.now();
        const screen = await server.capture(claude.paneId);
        if (typeof screenText === 'string' ? !screen.includes(screenText) : !screenText.test(screen)) {
          throw new Error(`screen lacks ${screenText}:\n${screen}`);
        }
      }, { timeoutMs: 20_000, intervalMs: 50, message: `recording ${name}` });
      const plain = await server.capture(claude.paneId);
      const ansi = await server.capture(claude.paneId, { ansi: true });
      const file = await readSessionFile(env, claude.pid);
      const dead = (await server.tmux('display-message', '-p', '-t', claude.paneId, '#{pane_dead}')) === '1';
      await writeFile(join(outDir, `${name}.txt`), `${plain}\n`);
      await writeFile(join(outDir, `${name}.ansi.txt`), `${ansi}\n`);
      await writeFile(join(outDir, `${name}.session.json`), `${JSON.stringify(redact(file), null, 2)}\n`);
      index.push({
        name,
        status: file?.status ?? null,
        ...(file?.waitingFor ? { waitingFor: file.waitingFor } : {}),
        paneDead: dead,
        ...(status !== undefined && statusSeenAt !== undefined ? { statusLatencyMs: statusSeenAt - actionAt } : {}),
        waitedFor: String(screenText),
      });
      console.log(`recorded ${name}: status=${file?.status ?? 'none'} ${file?.waitingFor ?? ''}`);
    }
    const send = (text: string) => sendPrompt(server.socket, claude.paneId, text);
    const key = async (k: string) => { const at = Date.now(); await server.tmux('send-keys', '-t', claude.paneId, k); return at; };

    await record('idle', '? for shortcuts', 'idle', Date.now());

    api.enqueue({ kind: 'text', text: 'The build compiles src/ with tsc, then bundles the CLI.', delayMs: 800, chunks: 8 });
    let at = await send('Explain how the build works');
    await record('working', /↓ \d+ tokens/, 'busy', at);
    await record('finished-turn', /✻ \S+ for \d+s/, 'idle', at);

    api.enqueue({ kind: 'tool', tool: 'Bash', input: { command: 'rm -rf build && npm test', description: 'Clean the build and run the tests' } });
    at = await send('Clean the build and run the tests');
    await record('waiting-permission', 'Do you want to proceed?', 'waiting', at);
    at = await key('Escape');
    await waitFor(async () => { if ((await readSessionFile(env, claude.pid))?.status !== 'idle') throw new Error('not idle'); });

    api.enqueue({
      kind: 'text', delayMs: 800, chunks: 8,
      text: '<analysis>The user asked about the build and the tests.</analysis>\n<summary>1. The build uses tsc. 2. API notes kept.</summary>',
    });
    at = await send('/compact keep the API notes');
    await record('compacting', 'Compacting conversation', 'busy', at);
    await api.waitForRequest((r) => r.isSummary, 5_000);
    await waitFor(async () => {
      if (!(await server.capture(claude.paneId)).includes('Compacted')) throw new Error('not compacted yet');
    }, { timeoutMs: 20_000 });

    api.enqueue({ kind: 'error', status: 529, message: 'Overloaded', times: 2 });
    at = await send('Summarise the API notes');
    await record('retrying', /retrying in \d+s/, 'busy', at);
    await record('error', 'API Error: 529', 'idle', at);

    // Other API errors word themselves differently on screen; each is still an error.
    api.enqueue({ kind: 'error', status: 429, message: 'Rate limited', times: 2 });
    at = await send('Summarise them once more');
    await record('error-rate-limit', 'Request rejected (429)', 'idle', at);
    api.enqueue({ kind: 'error', status: 401, message: 'invalid x-api-key', times: 2 });
    at = await send('And once more');
    await record('error-auth', 'Invalid API key', 'idle', at);

    at = await send('/exit');
    await record('exited', /\S/, null, at);
    const [paneDead, exitStatus] = (await server.tmux('display-message', '-p', '-t', claude.paneId, '#{pane_dead} #{pane_dead_status}')).split(' ');
    expect(paneDead).toBe('1');

    const requests = api.requests.map((r) => ({ kind: r.kind, reply: r.reply, lastUserText: r.lastUserText?.slice(0, 60) }));
    await writeFile(join(outDir, 'index.json'), `${JSON.stringify({ version, startupMs: claude.startupMs, exitStatus, fixtures: index, requests }, null, 2)}\n`);
  } finally {
    await server.kill();
    await api.close();
    await rm(env.home, { recursive: true, force: true });
    await rm(env.cwd, { recursive: true, force: true });
  }
});
