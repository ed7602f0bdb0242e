/**
 * Every worker tool of `orch-tui mcp`, called by a real MCP client against
 * a real tmux server: panes that record the bytes they receive, shells, a
 * program asking y/N, and a recorded Claude Code permission prompt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { pastedBytes, RECORDER, startRecorder, visible, type RecorderPane } from '../harness/recorderPanes.js';
import { TOOL_CATALOG } from '../../src/mcp/toolCatalog.js';
import { orchCli, startOrchMcp, type OrchMcp } from './mcpClient.js';

const FIXTURE = path.resolve('test/fixtures/claude/2.1.328/waiting-permission.txt');
const PROMPT_PANE = path.resolve('test/mcp/promptPane.mjs');

let server: TestServer;
let dir: string;
let mcp: OrchMcp;
let recA: RecorderPane;
let recB: RecorderPane;

const screenOf = (target: string) => server.tmux('capture-pane', '-p', '-J', '-t', target);

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(tmpdir(), 'orch-mcp-'));
  [recA, recB] = await Promise.all([startRecorder(server, 'recA', dir), startRecorder(server, 'recB', dir)]);
  await server.tmux('new-session', '-d', '-s', 'sh1', '-x', '100', '-y', '20', '--', 'env', 'PS1=', 'bash', '--norc', '--noprofile');
  await server.tmux('new-session', '-d', '-s', 'asker', '-x', '100', '-y', '20', '--', 'sh', '-c', 'printf "Proceed? [y/N] "; read a; echo "ANSWER=$a"; sleep 100000');
  await server.tmux('new-session', '-d', '-s', 'painter', '-x', '80', '-y', '20', '--', 'sh', '-c',
    "printf '\\033[31mRED-TEXT\\033[0m\\n'; printf 'x%.0s' $(seq 1000); printf '\\nEND\\n'; sleep 100000");
  const prompter = await server.tmux('new-session', '-d', '-s', 'prompter', '-x', '120', '-y', '40', '-P', '-F', '#{pane_id}', '--',
    process.execPath, PROMPT_PANE, FIXTURE, path.join(dir, 'prompter.bin'));
  await server.tmux('set-option', '-p', '-t', prompter, '@orch_agent', 'claude');
  await waitFor(async () => expect(await screenOf('=prompter:')).toContain('Do you want to proceed?'));
  await waitFor(async () => expect(await screenOf('=painter:')).toContain('END'));
  // A person adopts the panes an orchestrating agent may use (plain programs: as taking commands).
  const person = { socket: server.socket, stateHome: path.join(dir, 'state') };
  for (const name of ['recA', 'recB', 'sh1', 'asker', 'painter']) {
    expect((await orchCli(person, ['adopt', name, '--accepts-commands'])).exitCode).toBe(0);
  }
  expect((await orchCli(person, ['adopt', 'prompter'])).exitCode).toBe(0);
  // The agent may start `node` (the recorder) as a worker: the user allowed it.
  mcp = await startOrchMcp({ ...person, mcpArgs: ['--allow-command', 'node'] });
}, 60_000);

afterAll(async () => {
  await mcp?.close();
  await server?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('orch-tui mcp: the worker tools', () => {
  it('offers every tool of the catalog, annotated; kill and clear say they are destructive', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(TOOL_CATALOG).sort());
    for (const tool of tools) {
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.description?.length, tool.name).toBeGreaterThan(20);
    }
    const hints = (name: string) => tools.find((t) => t.name === name)!.annotations!;
    expect(hints('kill_worker').destructiveHint).toBe(true);
    expect(tools.find((t) => t.name === 'kill_worker')!.description).toMatch(/^Destructive/);
    expect(hints('clear_worker').destructiveHint).toBe(true);
    expect(hints('list_workers').readOnlyHint).toBe(true);
    expect(hints('send_task').destructiveHint).toBe(false);
  });

  it('list_workers: each worker with its state, and who needs attention, the question first', async () => {
    const { workers, attention } = await mcp.data('list_workers');
    const state = (name: string) => workers.find((w: any) => w.name === name)?.state;
    expect(state('sh1')).toBe('idle');
    expect(state('recA')).toBe('idle');
    expect(state('asker')).toBe('waiting');
    expect(state('prompter')).toBe('waiting');
    expect(workers.find((w: any) => w.name === 'prompter').prompt.command).toBe('rm -rf build && npm test');
    expect(attention.map((a: any) => a.worker).sort()).toEqual(['asker', 'prompter']);
    expect(attention.find((a: any) => a.worker === 'prompter').text).toContain('asks: Do you want to proceed? `rm -rf build && npm test`');
    const only = await mcp.data('list_workers', { session: 'rec*' });
    expect(only.workers.map((w: any) => w.name).sort()).toEqual(['recA', 'recB']);
  });

  it('read_screen: the tail as plain text, escape sequences gone, long lines cut, bounded', async () => {
    const screen = await mcp.data('read_screen', { worker: 'painter', lines: 10 });
    expect(screen.name).toBe('painter');
    expect(screen.lines).toContain('RED-TEXT');
    expect(screen.lines.join('\n')).not.toContain('\u001b');
    const long = screen.lines.find((l: string) => l.startsWith('xxx'));
    expect(long).toHaveLength(400);
    expect(long.endsWith('…')).toBe(true);
    expect((await mcp.data('read_screen', { worker: 'painter', lines: 1 })).lines).toEqual(['END']);
    expect(await mcp.error('read_screen', { worker: 'ghost' })).toBe('No worker named "ghost" (see list_workers).');
    expect(await mcp.error('read_screen', { worker: 'painter', lines: 100_000 })).toMatch(/Input validation error/);
  });

  it('send_task: pasted, submitted and confirmed, byte for byte', async () => {
    const text = 'fix the bug; then run `npm test` and $HOME stays';
    const outcome = await mcp.data('send_task', { worker: 'recA', text });
    expect(outcome).toMatchObject({ delivered: true, worker: 'recA', paneId: recA.paneId });
    expect(await recA.received()).toBe(pastedBytes(text));
  });

  it('broadcast: every worker matching the glob gets the text once', async () => {
    const before = await Promise.all([recA.received(), recB.received()]);
    // A worker that has exited is skipped, not failed.
    const gone = await server.tmux('new-session', '-d', '-s', 'recGone', '-P', '-F', '#{pane_id}', '--', 'sh', '-c', 'exit 2',
      ';', 'set-option', '-p', 'remain-on-exit', 'on', ';', 'set-option', '-p', '@orch_worker', 'adopted');
    await waitFor(async () => expect(await server.tmux('display-message', '-p', '-t', gone, '#{pane_dead}')).toBe('1'));
    const result = await mcp.data('broadcast', { text: 'status, please', session: 'rec*' });
    expect(result).toMatchObject({ delivered: 2, failed: 0, skipped: 1 });
    expect(result.outcomes.find((o: any) => o.worker === 'recGone')).toMatchObject({ delivered: false, skipped: true });
    await server.tmux('kill-session', '-t', '=recGone');
    expect(await recA.received()).toBe(before[0] + pastedBytes('status, please'));
    expect(await recB.received()).toBe(before[1] + pastedBytes('status, please'));
  });

  it('compact_worker sends /compact with the goal; clear_worker sends /clear, then the new task', async () => {
    const a = await recA.received();
    await mcp.data('compact_worker', { worker: 'recA', goal: 'keep the API signatures' });
    expect(await recA.received()).toBe(a + pastedBytes('/compact keep the API signatures'));
    const b = await recB.received();
    const cleared = await mcp.data('clear_worker', { worker: 'recB', task: 'start the login form' });
    expect(cleared.outcomes.map((o: any) => o.delivered)).toEqual([true, true]);
    expect(await recB.received()).toBe(b + pastedBytes('/clear') + pastedBytes('start the login form'));
  });

  it('interrupt_worker presses Escape', async () => {
    const before = await recA.received();
    expect(await mcp.data('interrupt_worker', { worker: 'recA' })).toMatchObject({ interrupted: true, worker: 'recA' });
    await waitFor(async () => expect(visible(await recA.received())).toBe(visible(`${before}\u001b`)));
  });

  it('answer_prompt: picks the Yes of a permission prompt, and refuses a worker that asks nothing', async () => {
    const answered = await mcp.data('answer_prompt', { worker: 'prompter', answer: 'yes' });
    expect(answered).toMatchObject({ worker: 'prompter', question: 'Do you want to proceed?', command: 'rm -rf build && npm test', answer: '1. Yes' });
    await waitFor(async () => expect(await readFile(path.join(dir, 'prompter.bin'), 'utf8')).toBe('1'));
    expect(await mcp.error('answer_prompt', { worker: 'sh1', answer: 'no' })).toMatch(/^sh1 is not waiting for an answer; it is idle/);
    // A plain y/N question gets the letter and Enter.
    expect(await mcp.data('answer_prompt', { worker: 'asker', answer: 'no' })).toMatchObject({ question: 'Proceed? [y/N]', answer: 'n' });
    await waitFor(async () => expect(await screenOf('=asker:')).toContain('ANSWER=n'));
  });

  it('create_worker starts an agent and gives it its first task; kill_worker ends it', async () => {
    const file = path.join(dir, 'made.bin');
    const made = await mcp.data('create_worker', {
      name: 'made', cwd: dir, agent: `node ${RECORDER} ${file} --full-screen`, task: 'your first task',
    });
    expect(made.paneId).toMatch(/^%\d+$/);
    expect(made.task).toMatchObject({ delivered: true });
    expect(await readFile(file, 'utf8')).toBe(pastedBytes('your first task'));
    expect(await server.tmux('display-message', '-p', '-t', made.paneId, '#{pane_current_path}')).toBe(realpathSync(dir));
    expect(await mcp.error('create_worker', { name: 'made' })).toBe('A session named made already exists; pick another name.');
    expect(await mcp.error('create_worker', { name: 'a.b' })).toMatch(/Input validation error/);

    const killed = await mcp.data('kill_worker', { worker: 'made' });
    expect(killed).toMatchObject({ killed: 'session', worker: 'made', paneId: made.paneId });
    expect((await server.tmux('list-sessions', '-F', '#{session_name}')).split('\n')).not.toContain('made');
    expect(await mcp.error('kill_worker', { worker: 'made' })).toBe('No worker named "made" (see list_workers).');
  });

  it('wait_for_state: returns when the state is reached, says when time ran out, fails on an exit', async () => {
    await mcp.data('send_task', { worker: 'sh1', text: 'sleep 2; echo SLEPT-OK' });
    const idle = await mcp.data('wait_for_state', { worker: 'sh1', states: ['idle'], timeout_seconds: 30 });
    expect(idle).toMatchObject({ worker: 'sh1', state: 'idle', timedOut: false });
    expect((await mcp.data('read_screen', { worker: 'sh1' })).lines).toContain('SLEPT-OK');

    const late = await mcp.data('wait_for_state', { worker: 'sh1', states: ['waiting'], timeout_seconds: 1 });
    expect(late).toMatchObject({ state: 'idle', timedOut: true });

    await server.tmux('new-session', '-d', '-s', 'doomed', '--', 'sh', '-c', 'sleep 1; exit 3', ';', 'set-option', '-p', 'remain-on-exit', 'on',
      ';', 'set-option', '-p', '@orch_worker', 'adopted');
    // (A shell running a script counts as idle, so wait for something it never shows.)
    // tmux 3.3a now and then never records #{pane_dead_status}: then the
    // sentence has no status, but it still says the pane exited.
    expect(await mcp.error('wait_for_state', { worker: 'doomed', states: ['waiting'], timeout_seconds: 30 })).toMatch(/^doomed has exited \((?:.*3.*|exited)\) and will never be waiting\.$/);
  });
});
