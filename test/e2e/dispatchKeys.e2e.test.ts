/**
 * The dispatch keys as a person uses them: orch-tui runs in a tmux pane that
 * a real tmux client is attached to (a pane of a second private server runs
 * `tmux attach -t dash`, so `a` has a terminal client to switch-client),
 * workers are raw-input recorders (every byte they get lands in a file) and
 * one real Claude Code on the fake API.
 * Keys are typed with send-keys, the screen read with capture-pane.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic } from '../harness/fakeAnthropic.js';
import { makeClaudeHome, startClaudeInTmux } from '../harness/claudeWorker.js';
import { pastedBytes, startRecorder, visible, type RecorderPane } from '../harness/recorderPanes.js';
import { focusWorker, openTerminal, startOrchTui, type DashboardPane } from './dashboardPane.js';

let server: TestServer;
/** A second server whose pane runs `tmux attach -t dash`: the real client orch-tui can switch. */
let viewer: TestServer;
let fake: FakeAnthropic;
let dir: string;
let dash: DashboardPane;
const recorders = new Map<string, RecorderPane>();
/** Every byte each recorder should have received so far. */
const expected = new Map<string, string>();
const dirsToRemove: string[] = [];

const rec = (name: string) => recorders.get(name)!;
const expectSent = (name: string, bytes: string) => expected.set(name, (expected.get(name) ?? '') + bytes);

/** The recorder holds exactly what was sent to it, nothing lost, doubled or added. */
async function checkRecorder(name: string): Promise<void> {
  await waitFor(async () => expect(visible(await rec(name).received())).toBe(visible(expected.get(name) ?? '')), {
    timeoutMs: 10_000,
    message: `recorder ${name} does not hold what was sent`,
  });
}

/** Clients that are terminals (orch-tui's own control-mode client is left out). */
async function realClients(): Promise<Array<{ tty: string; session: string }>> {
  const lines = (await server.tmux('list-clients', '-F', '#{client_control_mode} #{client_tty} #{client_session}')).split('\n');
  return lines.filter((l) => l.startsWith('0 ')).map((l) => {
    const [, tty = '', session = ''] = l.split(' ');
    return { tty, session };
  });
}

/** The session the viewer's terminal shows. */
async function viewerSession(): Promise<string> {
  const clients = await realClients();
  expect(clients).toHaveLength(1);
  return clients[0]!.session;
}

/** Tab until `name` is focused. */
const focus = (name: string) => focusWorker(dash, name);

/**
 * After Enter in a text box: "Sending to …" shows while the checked send
 * runs (at least its 0.4 s settle), then its outcome. Waiting for the first
 * keeps an older, identical outcome line from passing the second check.
 */
async function waitForOutcome(targets: string, outcome: RegExp, timeoutMs = 20_000): Promise<string> {
  await waitFor(async () => expect(await dash.screen()).toContain(`Sending to ${targets}…`), {
    timeoutMs: 5_000, intervalMs: 25, message: `"Sending to ${targets}…" never showed`,
  });
  return dash.waitForScreen((s) => expect(s).toMatch(outcome), timeoutMs);
}

/**
 * Type text into the dashboard and wait until it shows, as a person would
 * before pressing the next key. (Typed text and a key sent right after it
 * can reach orch-tui in one read, which it takes as pasted text.) A trailing
 * `;` would be eaten by tmux's argv parser: it is sent as `\\;`.
 */
async function type(text: string): Promise<void> {
  await dash.type(text.endsWith(';') ? `${text.slice(0, -1)}\\;` : text);
  await dash.waitForScreen((s) => expect(s).toContain(text));
}

/** Ctrl+U in the focused field of the new-worker form, and wait until it is empty. */
async function clearField(label: string): Promise<void> {
  await dash.keys('C-u');
  await dash.waitForScreen((s) => expect(s).not.toMatch(new RegExp(`▶ ${label} +[^\\s│]`)));
}

beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(tmpdir(), 'orch-dispatch-keys-')));
  dirsToRemove.push(dir);
  [server, viewer, fake] = await Promise.all([startTestServer(), startTestServer(), startFakeAnthropic()]);
  const env = await makeClaudeHome({ baseUrl: fake.url });
  dirsToRemove.push(env.home, env.cwd);
  const [, ...panes] = await Promise.all([
    startClaudeInTmux({ socket: server.socket, env, name: 'claude' }),
    ...['w1', 'w2', 'w3', 'victim'].map((name) => startRecorder(server, name, dir)),
  ]);
  for (const pane of panes) recorders.set(pane.session, pane);
  await server.tmux('kill-session', '-t', 'keeper');
  dash = await openTerminal(server, 160, 45, [`XDG_STATE_HOME=${path.join(dir, 'state')}`]);
  await viewer.tmux('new-session', '-d', '-s', 'view', '-x', '160', '-y', '46', '--',
    'env', '-u', 'TMUX', 'tmux', '-u', '-L', server.socket, '-f', '/dev/null', 'attach-session', '-t', 'dash');
  await waitFor(async () => expect(await viewerSession()).toBe('dash'), { message: 'the viewer never attached' });
  await startOrchTui(dash);
  await dash.waitForScreen((s) => {
    expect(s).toContain('5 workers');
    for (const name of ['claude', 'w1', 'w2', 'w3', 'victim']) expect(s).toContain(`${name} · `);
  }, 20_000);
}, 90_000);

// A failed test may leave a box or question open: close it so the next test starts at the grid.
afterEach(async () => {
  if (!dash) return;
  for (let i = 0; i < 3 && /Esc cancel|\[y\/N\]|orch-tui keys/.test(await dash.screen()); i++) {
    const before = await dash.screen();
    await dash.keys('Escape');
    await dash.waitForScreen((s) => expect(s).not.toBe(before)).catch(() => undefined);
  }
});

afterAll(async () => {
  await viewer?.kill();
  await server?.kill();
  await fake?.close();
  for (const d of dirsToRemove) await rm(d, { recursive: true, force: true });
});

describe('dispatch keys in the dashboard', () => {
  it('t opens a task box; Ctrl+J adds a line; Enter delivers it and says so', async () => {
    await focus('w1');
    await dash.keys('t');
    await dash.waitForScreen((s) => expect(s).toContain('Task for w1'));
    await type('first line;');
    await dash.keys('C-j');
    await type('second @line /tmp $HOME `id` "q" 🚀 中文;');
    await dash.waitForScreen((s) => expect(s).toContain('first line;'));
    await dash.keys('Enter');
    await waitForOutcome('w1', /Delivered to w1 \(/);
    expectSent('w1', pastedBytes('first line;\nsecond @line /tmp $HOME `id` "q" 🚀 中文;'));
    await checkRecorder('w1');
  });

  it('Esc cancels the box and sends nothing', async () => {
    await dash.keys('t');
    await dash.waitForScreen((s) => expect(s).toContain('Task for w1'));
    await type('never sent');
    await dash.keys('Escape');
    await dash.waitForScreen((s) => {
      expect(s).not.toContain('Task for w1');
      expect(s).not.toContain('never sent');
    });
    // The next send (below) shows nothing of it reached the worker either.
  });

  it('Up recalls the previous task (not the cancelled one)', async () => {
    await focus('w2');
    await dash.keys('t');
    await dash.waitForScreen((s) => expect(s).toContain('Task for w2'));
    await dash.keys('Up');
    await dash.waitForScreen((s) => {
      expect(s).toContain('first line;');
      expect(s).toContain('second @line');
    });
    await dash.keys('Enter');
    await waitForOutcome('w2', /Delivered to w2 \(/);
    expectSent('w2', pastedBytes('first line;\nsecond @line /tmp $HOME `id` "q" 🚀 中文;'));
    await checkRecorder('w2');
    await checkRecorder('w1');
  });

  it('Space marks two workers and b broadcasts to both; the marks clear with the broadcast', async () => {
    await focus('w2');
    await dash.keys('Space');
    await dash.waitForScreen((s) => expect(s).toContain('1 marked'));
    await focus('w3');
    await dash.keys('Space');
    await dash.waitForScreen((s) => expect(s).toContain('2 marked'));
    await dash.keys('b');
    await dash.waitForScreen((s) => expect(s).toMatch(/Broadcast to w2, w3|Broadcast to w3, w2/));
    await type('to the marked ones;');
    await dash.keys('Enter');
    await dash.waitForScreen((s) => expect(s).toContain('Delivered to 2 of 2 workers.'), 20_000);
    for (const name of ['w2', 'w3']) {
      expectSent(name, pastedBytes('to the marked ones;'));
      await checkRecorder(name);
    }
    await checkRecorder('w1');
    await dash.waitForScreen((s) => {
      expect(s).not.toContain('marked');
      expect(s).not.toContain('✚');
    });
  });

  it('b with nothing marked asks before broadcasting to all workers; y proceeds', async () => {
    await dash.keys('b');
    await dash.waitForScreen((s) => expect(s).toContain('No workers are marked (Space marks). Broadcast to all 5 workers? [y/N]'));
    await dash.keys('y');
    await dash.waitForScreen((s) => expect(s).toContain('Broadcast to 5 workers'));
    await type('hello everyone, $USER;');
    await dash.keys('Enter');
    // The outcome line is new: no earlier action broadcast to five workers.
    await dash.waitForScreen((s) => expect(s).toContain('Delivered to 5 of 5 workers.'), 30_000);
    for (const name of ['w1', 'w2', 'w3', 'victim']) {
      expectSent(name, pastedBytes('hello everyone, $USER;'));
      await checkRecorder(name);
    }
    await fake.waitForRequest((r) => r.kind === 'main' && r.lastUserText === 'hello everyone, $USER;', 15_000);
  });

  it('t on a real Claude Code: the model gets the text exactly and the dashboard says delivered', async () => {
    const before = fake.requests.length;
    await focus('claude');
    await dash.keys('t');
    await dash.waitForScreen((s) => expect(s).toContain('Task for claude'));
    const text = 'list the files; then -x "quoted" @README.md /tmp `id` 中文 🚀 C-m;';
    await type(text);
    await dash.keys('Enter');
    await waitForOutcome('claude', /Delivered to claude \(its transcript holds the whole message\)/, 30_000);
    const request = await fake.waitForRequest((r) => r.kind === 'main' && r.lastUserText === text, 15_000);
    expect(fake.requests.indexOf(request)).toBeGreaterThanOrEqual(before);
    expect(fake.requests.filter((r) => r.kind === 'main' && r.lastUserText === text)).toHaveLength(1);
  });

  it('c sends /compact with the goal', async () => {
    await focus('w2');
    await dash.keys('c');
    await dash.waitForScreen((s) => expect(s).toContain('Compact (optional goal) — w2'));
    await type('keep the API notes');
    await dash.keys('Enter');
    await waitForOutcome('w2', /Delivered to w2 \(/);
    expectSent('w2', pastedBytes('/compact keep the API notes'));
    await checkRecorder('w2');
  });

  it('r sends /clear, then the new task', async () => {
    await focus('w3');
    await dash.keys('r');
    await dash.waitForScreen((s) => expect(s).toContain('Reset with /clear, then this task, for w3'));
    await type('start again: run the tests;');
    await dash.keys('Enter');
    await waitForOutcome('w3', /Delivered to 2 of 2 workers\.|Delivered to w3/);
    expectSent('w3', pastedBytes('/clear') + pastedBytes('start again: run the tests;'));
    await checkRecorder('w3');
  });

  it('i sends Escape to the focused worker', async () => {
    await focus('w1');
    await dash.keys('i');
    await dash.waitForScreen((s) => expect(s).toContain('Sent Escape to w1.'));
    expectSent('w1', '\u001b');
    await checkRecorder('w1');
  });

  it('x asks a y/N question naming the session; n keeps it, y kills it', async () => {
    const victim = rec('victim');
    await focus('victim');
    await dash.keys('x');
    const question = `Kill session victim (${victim.paneId})? [y/N]`;
    await dash.waitForScreen((s) => expect(s).toContain(question));
    await dash.keys('n');
    await dash.waitForScreen((s) => {
      expect(s).not.toContain(question);
      expect(s).toContain('Cancelled.');
    });
    expect(await server.tmux('has-session', '-t', '=victim')).toBe('');
    expect(await server.tmux('display-message', '-p', '-t', victim.paneId, '#{pane_dead}')).toBe('0');

    await dash.keys('x');
    await dash.waitForScreen((s) => expect(s).toContain(question));
    await dash.keys('y');
    await dash.waitForScreen((s) => {
      expect(s).toContain(`Killed session victim (${victim.paneId}).`);
      expect(s).toContain('4 workers');
      expect(s).not.toContain('victim · ');
    });
    await expect(server.tmux('has-session', '-t', '=victim')).rejects.toThrow(/can't find session/);
    // Nothing else died.
    const sessions = (await server.tmux('list-sessions', '-F', '#{session_name}')).split('\n').sort();
    expect(sessions).toEqual(['claude', 'dash', 'w1', 'w2', 'w3']);
  });

  it('+ opens the new-worker form; the new session is a tagged worker in the grid and gets its first task', async () => {
    const cwd = await realpath(await mkdtemp(path.join(tmpdir(), 'orch-new-worker-')));
    dirsToRemove.push(cwd);
    const workers = Number(/(\d+) workers/.exec(await dash.screen())?.[1]);
    await dash.keys('+');
    await dash.waitForScreen((s) => {
      expect(s).toContain('New worker');
      expect(s).toMatch(/▶ Name/);
    });
    await type('fresh');
    await dash.keys('Tab');
    await dash.waitForScreen((s) => expect(s).toMatch(/▶ Directory/));
    await clearField('Directory');
    await type(cwd);
    await dash.keys('Tab');
    await dash.waitForScreen((s) => expect(s).toMatch(/▶ Agent command/));
    await clearField('Agent command');
    await type('bash --norc');
    await dash.keys('Tab');
    await dash.waitForScreen((s) => expect(s).toMatch(/▶ First task/));
    await type('echo made-by-$((6*7))');
    await dash.waitForScreen((s) => {
      expect(s).toContain('fresh');
      expect(s).toContain(cwd);
      expect(s).toContain('bash --norc');
    });
    await dash.keys('Enter');
    const screen = await dash.waitForScreen((s) => {
      expect(s).toMatch(/fresh ◆ · .* · bash · /);
      expect(s).toContain(`${workers + 1} workers`);
    });
    const paneId = (await server.tmux('display-message', '-p', '-t', '=fresh:', '#{pane_id}')).trim();
    expect(screen).toMatch(/Starting fresh…|Delivered to fresh/);
    // The options belong on the new pane, not on orch-tui's own (the pane tmux calls current when it runs inside tmux).
    const option = (pane: string, name: string) => server.tmux('show-options', '-p', '-v', '-q', '-t', pane, name);
    expect({ worker: await option(paneId, '@orch_worker'), own: await option(dash.paneId, '@orch_worker') }).toEqual({ worker: '1', own: '' });
    expect({ worker: await option(paneId, 'remain-on-exit'), own: await option(dash.paneId, 'remain-on-exit') }).toEqual({ worker: 'on', own: '' });
    expect(await server.tmux('display-message', '-p', '-t', paneId, '#{session_name} #{pane_current_command} #{pane_current_path}'))
      .toBe(`fresh bash ${cwd}`);
    // The first task went in once the shell was ready, and ran once.
    await waitFor(async () => expect((await server.capture(paneId)).match(/^made-by-42$/gm)).toHaveLength(1), {
      timeoutMs: 15_000, message: 'the first task did not run',
    });
  });

  it('a switches the attached tmux client to the worker and says how to come back', async () => {
    await focus('w2');
    await dash.keys('a');
    await waitFor(async () => expect(await viewerSession()).toBe('w2'), { message: 'the client was not switched to w2' });
    await dash.waitForScreen((s) => expect(s).toContain("Switched to w2; come back with prefix + L or: tmux switch-client -t 'dash'"));
    // What the person sees now is the worker.
    await waitFor(async () => expect(await viewer.capture('view')).toContain('rec>'));
    const tty = (await realClients())[0]!.tty;
    await server.tmux('switch-client', '-c', tty, '-t', 'dash');
    await waitFor(async () => expect(await viewerSession()).toBe('dash'));
  });

  it('? lists the dispatch keys', async () => {
    await dash.keys('?');
    let seen = await dash.waitForScreen((s) => expect(s).toContain('orch-tui keys'));
    for (let press = 0; press < 6; press++) {
      await dash.keys('PageDown');
      seen += await dash.screen();
    }
    for (const line of [
      /t\s+Send a task to the focused worker/,
      /Space\s+Mark or unmark the focused worker/,
      /b\s+Broadcast a task to marked \(or all\) workers/,
      /c\s+\/compact the focused worker \(optional goal\)/,
      /r\s+Reset: \/clear, then a new task/,
      /i\s+Interrupt: Escape to an agent, Ctrl-C to a shell command/,
      /x\s+Kill the focused worker \(asks y\/N first\)/,
      /\+\s+New worker: name, dir, agent, first task/,
      /n\s+Answer no: shows the worker's question; n again answers/,
      /a\s+Jump into the focused worker/,
      /C-j\s+Start a new line in the text/,
      /↑\s+Recall an earlier task/,
    ]) {
      expect(seen).toMatch(line);
    }
    await dash.keys('Escape');
    await dash.waitForScreen((s) => expect(s).not.toContain('orch-tui keys'));
  });

  it('a second task to a worker whose send is still in progress is refused, not pasted too', async () => {
    // This recorder ignores its first three Enters: the first send keeps
    // pressing Enter (and holds the pane's lock) for several seconds.
    const deaf = await startRecorder(server, 'deaf', dir, { ignoreEnters: 3 });
    recorders.set('deaf', deaf);
    await dash.waitForScreen((s) => expect(s).toContain('deaf · '));
    await focus('deaf');
    await dash.keys('t');
    await dash.waitForScreen((s) => expect(s).toContain('Task for deaf'));
    await type('slow one');
    await dash.keys('Enter');
    await waitFor(async () => expect(await dash.screen()).toContain('Sending to deaf…'), { intervalMs: 25 });
    await dash.keys('t');
    await dash.waitForScreen((s) => expect(s).toContain('Task for deaf'));
    await type('second while busy');
    await dash.keys('Enter');
    await dash.waitForScreen((s) => expect(s).toMatch(/Another send to deaf is in progress/), 5_000).catch(async (error: Error) => {
      // Show what the worker got: with no lock, both texts are pasted.
      await waitFor(async () => expect(await dash.screen()).toMatch(/Delivered to deaf|never showed/), { timeoutMs: 20_000 }).catch(() => undefined);
      throw new Error(`${error.message}\nthe recorder got: ${visible(await deaf.received())}`);
    });
    await dash.waitForScreen((s) => expect(s).toMatch(/never showed that it was submitted after 3 Enter presses/), 20_000);
    expectSent('deaf', '\u001b[200~slow one\u001b[201~\r\r\r');
    await checkRecorder('deaf');
  }, 45_000);
});
