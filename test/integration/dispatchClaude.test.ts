import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readdir } from 'node:fs/promises';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic } from '../harness/fakeAnthropic.js';
import { unframePaste } from '../harness/claudePaste.js';
import { makeClaudeHome, startClaudeInTmux, type ClaudeEnv, type ClaudePane } from '../harness/claudeWorker.js';

const CLI = path.resolve('dist/src/cli.js');
let server: TestServer;
let fake: FakeAnthropic;
let env: ClaudeEnv;
let claude: ClaudePane;

/** Run the real CLI against the test server, as an orchestrating agent would. */
function orch(args: string[], input?: string) {
  return execa(process.execPath, [CLI, '-L', server.socket, ...args], {
    reject: false,
    input,
    env: { XDG_STATE_HOME: path.join(env.home, 'state') },
  });
}

const mainTexts = () => fake.requests.filter((r) => r.kind === 'main').map((r) => unframePaste(r.lastUserText));

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeAnthropic();
  env = await makeClaudeHome({ baseUrl: fake.url });
  claude = await startClaudeInTmux({ socket: server.socket, env, name: 'api', remainOnExit: true });
}, 60_000);

afterAll(async () => {
  await server?.kill();
  await fake?.close();
});

/**
 * What Claude Code's input box makes of a text: it expands a tab to four
 * spaces however the tab arrives (typed or pasted), and trims trailing
 * whitespace from the message. Everything else must be byte-exact. (The
 * raw-input recorder test shows the bytes themselves are sent.)
 */
const claudeSees = (text: string) => text.replace(/\t/g, '    ').trimEnd();

const HOSTILE = [
  'plain task: run the tests',
  'first line\nsecond line\n\nfourth line after a blank',
  '@src/index.ts please read this file',
  'look at /etc/hosts and /tmp',
  'a;b; c ;d',
  'ends with a semicolon;',
  'the words C-m Enter Escape and C-c',
  'expand $HOME and `whoami` and $(id) and ${PATH}',
  `quotes 'single' "double" \\backslash\\`,
  'tabs\there\tand\tthere',
  '-starts with a dash',
  '--also-a-flag',
  'emoji 🚀✨👨‍👩‍👧 and CJK 中文字 日本語 한국어',
  '#{session_name} #{host} ##',
  '%if #{true} %endif',
  '~/not/home ~',
  '  leading and trailing spaces  ',
  'ends with a backslash \\',
  'two lines\nthe second ends with backslashes \\\\',
];

describe('orch-tui send to a real Claude Code', () => {
  it('delivers each hostile text exactly once and exactly as written', async () => {
    for (const text of HOSTILE) {
      const before = mainTexts().length;
      const result = await orch(['send', 'api', '--when-idle', '--timeout', '30', '--json', '--', text]);
      expect(result.stderr, text).toBe('');
      expect(result.exitCode, text).toBe(0);
      const outcome = JSON.parse(result.stdout) as { delivered: boolean; evidence: string };
      expect(outcome.delivered).toBe(true);
      await waitFor(() => expect(mainTexts().length).toBeGreaterThan(before), { timeoutMs: 15_000 });
      expect(mainTexts().slice(before), text).toEqual([claudeSees(text)]);
    }
  }, 240_000);

  it('reads the text from stdin with -', async () => {
    const before = mainTexts().length;
    const result = await orch(['send', 'api', '--when-idle', '-'], 'from stdin\nwith two lines\n');
    expect(result.exitCode, result.stderr).toBe(0);
    await waitFor(() => expect(mainTexts().length).toBe(before + 1), { timeoutMs: 15_000 });
    expect(mainTexts()[before]).toBe('from stdin\nwith two lines');
  }, 60_000);

  it('refuses a busy worker, and --when-idle waits for it', async () => {
    // A reply that never comes until released: the worker stays busy, on any machine.
    fake.enqueue({ kind: 'hang' });
    const first = await orch(['send', 'api', '--when-idle', '--', 'take your time']);
    expect(first.exitCode, first.stderr).toBe(0);
    const refused = await orch(['send', 'api', '--', 'are you busy?']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/api is busy \(working/);
    expect(refused.stderr).toMatch(/--when-idle/);
    const waiting = orch(['send', 'api', '--when-idle', '--timeout', '60', '--', 'after the slow one']);
    // It waits, holding the worker's send lock, and nothing of it reaches
    // the model while the turn goes on.
    const locks = path.join(env.home, 'state', 'orch-tui', 'locks');
    await waitFor(async () => {
      const files = await readdir(locks, { recursive: true });
      expect(files.some((f) => /send-pane\d+\.lock$/.test(String(f)))).toBe(true);
    }, { timeoutMs: 15_000 });
    expect(mainTexts()).not.toContain('after the slow one');
    fake.releaseHangs();
    const waited = await waiting;
    expect(waited.exitCode, waited.stderr).toBe(0);
    await waitFor(() => expect(mainTexts()).toContain('after the slow one'), { timeoutMs: 15_000 });
    expect(mainTexts()).not.toContain('are you busy?');
  }, 90_000);

  it('/compact with a goal makes it compact', async () => {
    const result = await orch(['compact', 'api', '--when-idle', 'keep the API notes']);
    expect(result.exitCode, result.stderr).toBe(0);
    const summary = await fake.waitForRequest((r) => r.kind === 'summary', 30_000);
    expect(JSON.stringify(summary.body)).toContain('keep the API notes');
  }, 60_000);

  it('/clear, then a new task in a fresh conversation', async () => {
    const result = await orch(['clear', 'api', '--when-idle', '--', 'start over: list the files']);
    expect(result.exitCode, result.stderr).toBe(0);
    const request = await fake.waitForRequest((r) => r.kind === 'main' && r.lastUserText === 'start over: list the files', 30_000);
    // Nothing said before the /clear is in the new conversation.
    expect(request.userTexts).toEqual(['start over: list the files']);
  }, 60_000);

  it('kill asks first (refuses without --yes) and names what it would kill', async () => {
    const result = await orch(['kill', 'api']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/would kill session api \(%\d+\); add --yes/);
    expect(await server.tmux('has-session', '-t', '=api')).toBe('');
  });

  it('gives one clear sentence for an unknown worker and a dead pane', async () => {
    const unknown = await orch(['send', 'nope', '--', 'hi']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr.trim()).toBe('orch-tui: No worker named "nope" (see orch-tui ls).');
    // It exits when told, once the pane is set up: once in ~30 full runs, tmux
    // 3.3a never recorded the status of a program that exited the instant it
    // started (#{pane_dead_status} stayed empty for 10 s; not understood).
    const dead = await server.tmux('new-session', '-d', '-s', 'gone', '-P', '-F', '#{pane_id}', '--', 'sh', '-c', 'read -r _; exit 4',
      ';', 'set-option', '-p', 'remain-on-exit', 'on');
    await server.tmux('send-keys', '-t', dead, 'Enter');
    // tmux marks the pane dead when its pty closes and records the status when SIGCHLD is handled, a moment apart.
    await waitFor(async () => expect(await server.tmux('display-message', '-p', '-t', dead, '#{pane_dead} #{pane_dead_status}')).toBe('1 4'));
    const toDead = await orch(['send', 'gone', '--', 'hi']);
    expect(toDead.exitCode).toBe(1);
    expect(toDead.stderr).toMatch(/gone has exited \(exited with status 4\); nothing was sent/);
  });
});

describe('orch-tui new with a first task', () => {
  it('creates a tagged worker and sends the task once the agent is ready', async () => {
    const vars = Object.entries(env.env).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
    const agent = ['env', '-u', 'CLAUDE_CONFIG_DIR', ...(await import('../harness/claudeWorker.js')).claudeArgv()]
      .map((w) => `'${w}'`).join(' ');
    const result = await orch(['new', 'web', '--cwd', env.cwd, '--agent', agent, ...vars, '--task', 'build the login page']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(/^%\d+$/);
    const paneId = result.stdout.trim();
    expect(await server.tmux('show-options', '-p', '-v', '-t', paneId, '@orch_worker')).toBe('1');
    expect(await server.tmux('show-options', '-p', '-v', '-t', paneId, 'remain-on-exit')).toBe('on');
    await fake.waitForRequest((r) => r.kind === 'main' && r.lastUserText === 'build the login page', 30_000);
  }, 90_000);
});

describe('a paste cut short on its way to Claude Code', () => {
  it('is reported as arrived in part, with what arrived, never as delivered', async () => {
    const cut = await startClaudeInTmux({ socket: server.socket, env, name: 'cut' });
    // A Claude that has not (yet) turned bracketed paste on, given a text
    // with a CRLF line end (a file from Windows): the paste reaches it as
    // typed keys and the CR submits the first line on its own.
    const tty = await server.tmux('display-message', '-p', '-t', cut.paneId, '#{pane_tty}');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(tty, '\u001b[?2004l');
    const before = mainTexts().length;
    const result = await orch(['send', 'cut', '--json', '--', 'the first line\r\nthe second line']);
    expect(result.exitCode).toBe(1);
    const outcome = JSON.parse(result.stdout) as { delivered: boolean; arrived?: string; message: string };
    expect(outcome.delivered).toBe(false);
    expect(outcome.arrived).toBe('the first line');
    expect(outcome.message).toMatch(/^Only part of the text reached cut as a message \("the first line" was submitted on its own\)/);
    expect(result.stderr).toMatch(/Only part of the text reached cut/);
    // What the model got: the first part, and no Enter of ours sent the rest as a message of its own.
    await waitFor(() => expect(mainTexts().slice(before)).toEqual(['the first line']), { timeoutMs: 15_000 });
    expect(await server.capture(cut.paneId)).toContain('the second line');
  }, 60_000);
});
