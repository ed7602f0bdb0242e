import type { SendOutcome } from '../../src/dispatch/checkedSend.js';
/**
 * Byte-level checks of the checked send, through the real CLI
 * (`orch-tui -L <socket> send WORKER -- TEXT`) into panes that record every
 * byte they receive (test/harness/rawRecorder.mjs --full-screen).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { pastedBytes, startRecorder, visible, type RecorderPane } from '../harness/recorderPanes.js';

const CLI = path.resolve('dist/src/cli.js');
let server: TestServer;
let dir: string;

type Outcome = SendOutcome;

function orch(args: string[], input?: string) {
  return execa(process.execPath, [CLI, '-L', server.socket, ...args], {
    reject: false,
    input,
    env: { XDG_STATE_HOME: path.join(dir, 'state') },
  });
}

/** `send --json`, checked to have printed one outcome. */
async function send(worker: string, text: string, extra: string[] = []): Promise<{ outcome: Outcome; exitCode: number; stderr: string }> {
  const result = await orch(['send', worker, '--json', ...extra, '--', text]);
  return { outcome: JSON.parse(result.stdout) as Outcome, exitCode: result.exitCode ?? -1, stderr: result.stderr };
}

const twentyKb = (): string => {
  const pieces = ['line with ; and C-m', '$HOME `id` "q" \'s\'', '@a /b #{c} %if', '🚀 中文字', '-dash --flag'];
  let text = '';
  for (let i = 0; text.length < 20_000; i++) text += `${i}: ${pieces[i % pieces.length]}\n`;
  return `${text}the end;`;
};

const HOSTILE: Array<[string, string]> = [
  ['plain', 'run the tests'],
  ['newlines', 'first line\nsecond line\n\nfourth after a blank'],
  ['a trailing newline', 'ends with a newline\n'],
  ['@ at the start, middle, end', '@src/index.ts read this and @that @'],
  ['/ at the start, middle, end', '/etc/hosts then a/b and /'],
  ['; in the middle', 'a;b; c ;d'],
  ['; at the end', 'ends with a semicolon;'],
  ['only ;', ';'],
  [';; at the end of lines', 'one;\ntwo;;'],
  ['the word C-m alone', 'C-m'],
  ['key words', 'the words C-m Enter Escape C-c and Space'],
  ['Enter alone', 'Enter'],
  ['Escape alone', 'Escape'],
  ['shell expansions', 'expand $HOME and ${PATH} and $(id) and ~'],
  ['backticks', 'run `whoami` and ``'],
  ['quotes', `quotes 'single' "double" and \\backslash\\`],
  ['a trailing backslash', 'ends with a backslash\\'],
  ['tabs', '\tleading tab, inner\ttab, trailing tab\t'],
  ['a leading -', '-starts with a dash'],
  ['a flag', '-x'],
  ['--', '--'],
  ['a long flag', '--also-a-flag value'],
  ['emoji and CJK', 'emoji 🚀✨👨‍👩‍👧 ✳️ and CJK 中文字 日本語 한국어'],
  ['tmux formats', '#{session_name} #{host} ## #'],
  ['%if', '%if #{true} yes %endif'],
  ['a pane id', '%1'],
  ['spaces around', '  leading and trailing spaces  '],
  ['20 KB', twentyKb()],
];

let bracketed: RecorderPane;
let plain: RecorderPane;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'orch-send-bytes-'));
  server = await startTestServer();
  [bracketed, plain] = await Promise.all([
    startRecorder(server, 'rec', dir),
    startRecorder(server, 'nob', dir, { bracketed: false }),
  ]);
});

afterAll(async () => {
  await server?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('orch-tui send, byte for byte', () => {
  it('pastes each hostile text once, bracketed when asked, LF kept, then one Enter', async () => {
    let expectedRec = '';
    let expectedNob = '';
    for (const [label, text] of HOSTILE) {
      const [rec, nob] = await Promise.all([send('rec', text), send('nob', text)]);
      for (const [result, pane] of [[rec, bracketed], [nob, plain]] as const) {
        expect(result.stderr, label).toBe('');
        expect(result.exitCode, label).toBe(0);
        expect(result.outcome).toMatchObject({ delivered: true, paneId: pane.paneId, worker: pane.session, enterPresses: 1 });
        expect(result.outcome.message).toMatch(new RegExp(`^Delivered to ${pane.session} \\(`));
      }
      expectedRec += pastedBytes(text, true);
      expectedNob += pastedBytes(text, false);
      // The whole file each time: nothing lost, doubled, reordered or altered so far.
      const [gotRec, gotNob] = await Promise.all([bracketed.received(), plain.received()]);
      if (gotRec !== expectedRec) expect(visible(gotRec.slice(-400)), label).toBe(visible(expectedRec.slice(-400)));
      if (gotNob !== expectedNob) expect(visible(gotNob.slice(-400)), label).toBe(visible(expectedNob.slice(-400)));
      expect(gotRec === expectedRec && gotNob === expectedNob, label).toBe(true);
    }
    // Newlines stayed LF: no CR anywhere but the one Enter after each text.
    expect((await plain.received()).split('\r')).toHaveLength(HOSTILE.length + 1);
  }, 150_000);

  it('reads 20 KB from stdin with -, one trailing newline dropped', async () => {
    const text = twentyKb();
    const pane = await startRecorder(server, 'stdin', dir);
    const result = await orch(['send', 'stdin', '--json', '-'], `${text}\n`);
    expect(result.exitCode, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as Outcome).delivered).toBe(true);
    expect(await pane.received()).toBe(pastedBytes(text));
  });

  it('presses Enter again when the first is not taken, and never pastes twice', async () => {
    const pane = await startRecorder(server, 'deaf1', dir, { ignoreEnters: 1 });
    const { outcome, exitCode } = await send('deaf1', 'needs two Enters;');
    expect(exitCode).toBe(0);
    expect(outcome).toMatchObject({ delivered: true, enterPresses: 2 });
    expect(visible(await pane.received())).toBe(visible('\u001b[200~needs two Enters;\u001b[201~\r\r'));
  });

  it('locks the pane: a second send while one is in progress is refused, and nothing is pasted twice', async () => {
    // This recorder ignores the first three Enters: the first send presses
    // Enter three times, gives up (not delivered, text pasted once), and
    // holds the pane's lock for several seconds meanwhile.
    const pane = await startRecorder(server, 'deaf3', dir, { ignoreEnters: 3 });
    const first = orch(['send', 'deaf3', '--json', '--', 'first, never confirmed']);
    const lockDir = path.join(dir, 'state', 'orch-tui', 'locks');
    const lockName = `send-${pane.paneId.replace('%', 'pane')}.lock`;
    await waitFor(async () => {
      const servers = await readdir(lockDir);
      const held = await Promise.all(servers.map(async (s) => (await readdir(path.join(lockDir, s))).includes(lockName)));
      expect(held).toContain(true);
    }, { timeoutMs: 10_000, intervalMs: 20, message: 'the first send never took the lock' });
    const second = await orch(['send', 'deaf3', '--json', '--', 'second, concurrent']);
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toMatch(/^orch-tui: Another send to deaf3 is in progress \(process \d+\); try again when it is done\.$/);
    expect(second.stdout).not.toContain('"delivered": true');

    const done = await first;
    expect(done.exitCode).toBe(1);
    const outcome = JSON.parse(done.stdout) as Outcome;
    expect(outcome).toMatchObject({ delivered: false, enterPresses: 3 });
    expect(outcome.message).toMatch(/never showed that it was submitted after 3 Enter presses/);
    expect(done.stderr).toContain(outcome.message);
    expect(visible(await pane.received())).toBe(visible('\u001b[200~first, never confirmed\u001b[201~\r\r\r'));

    // The lock is released when the send ends, whatever its outcome.
    const third = await send('deaf3', 'third, after the lock');
    expect(third.outcome).toMatchObject({ delivered: true, enterPresses: 1 });
    expect(visible(await pane.received())).toBe(
      visible('\u001b[200~first, never confirmed\u001b[201~\r\r\r\u001b[200~third, after the lock\u001b[201~\r'),
    );
  }, 60_000);

  it('leaves copy mode first, so the text is not swallowed', async () => {
    const pane = await startRecorder(server, 'copy', dir);
    await server.tmux('copy-mode', '-t', pane.paneId);
    expect(await server.tmux('display-message', '-p', '-t', pane.paneId, '#{pane_in_mode}')).toBe('1');
    const { outcome } = await send('copy', 'typed while in copy mode;');
    expect(outcome.delivered).toBe(true);
    expect(await server.tmux('display-message', '-p', '-t', pane.paneId, '#{pane_in_mode}')).toBe('0');
    expect(visible(await pane.received())).toBe(visible(pastedBytes('typed while in copy mode;')));
  });

  it('broadcast reaches every matching recorder once, and reports each outcome', async () => {
    const panes = await Promise.all([
      startRecorder(server, 'bc-1', dir),
      startRecorder(server, 'bc-2', dir),
      startRecorder(server, 'bc-3', dir, { bracketed: false }),
    ]);
    const text = 'to all of you:\n@here /now; $HOME';
    const result = await orch(['broadcast', '--session', 'bc-*', '--json', '--', text]);
    expect(result.exitCode, result.stderr).toBe(0);
    const outcomes = JSON.parse(result.stdout) as Outcome[];
    expect(outcomes.map((o) => [o.worker, o.paneId, o.delivered]).sort()).toEqual(
      panes.map((p) => [p.session, p.paneId, true]).sort(),
    );
    expect(await panes[0]!.received()).toBe(pastedBytes(text));
    expect(await panes[1]!.received()).toBe(pastedBytes(text));
    expect(await panes[2]!.received()).toBe(pastedBytes(text, false));
    // Nothing reached the panes the glob left out.
    expect(await bracketed.received()).not.toContain('to all of you');
  });

  it('types into a plain program in the foreground (a REPL looks like any running program): not refused', async () => {
    // The plain recorder (rawRecorder.mjs) looks to tmux like any program
    // still running; the generic rules call it working, but that is only a
    // guess, so an explicit send goes through and is checked as usual.
    const file = path.join(dir, 'repl.bin');
    const paneId = await server.tmux('new-session', '-d', '-s', 'repl', '-P', '-F', '#{pane_id}', '--',
      process.execPath, path.resolve('test/harness/rawRecorder.mjs'), file);
    await waitFor(async () => expect(await server.capture(paneId)).toContain('rec>'));
    const result = await send('repl', 'are you there?');
    expect(result.exitCode).toBe(0);
    expect(result.outcome.delivered).toBe(true);
    expect(visible(await readFile(file, 'utf8'))).toBe(visible('\u001b[200~are you there?\u001b[201~\r'));
  });
});
