/**
 * The agent boundary, through a real MCP client on `orch-tui mcp` against a
 * real tmux server: an orchestrating agent sees, reads and types into only
 * the workers orch-tui created or a person adopted, starts only known
 * agents, and a worker's own server offers nothing that acts on others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { serverKey } from '../../src/stateDir.js';
import { orchCli, startOrchMcp, type OrchMcp } from './mcpClient.js';

let server: TestServer;
let dir: string;
let mcp: OrchMcp;
let mine: string;
let person: { socket: string; stateHome: string };

const screenOf = (target: string) => server.tmux('capture-pane', '-p', '-J', '-t', target);
const names = async () => ((await mcp.data('list_workers')).workers as Array<{ name: string }>).map((w) => w.name).sort();

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(tmpdir(), 'orch-boundary-'));
  person = { socket: server.socket, stateHome: path.join(dir, 'state') };
  // The user's own shell: never handed to an agent.
  mine = await server.tmux('new-session', '-d', '-s', 'mine', '-x', '100', '-y', '20', '-c', dir, '-P', '-F', '#{pane_id}', '--',
    'env', 'PS1=mine$ ', 'bash', '--norc', '--noprofile');
  await server.tmux('send-keys', '-t', mine, '-l', 'echo the-users-secret-token');
  await server.tmux('send-keys', '-t', mine, 'Enter');
  await waitFor(async () => expect(await screenOf(mine)).toMatch(/^the-users-secret-token$/m));
  mcp = await startOrchMcp(person);
}, 60_000);

afterAll(async () => {
  await mcp?.close();
  await server?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('an orchestrating agent reaches only managed workers', () => {
  it('does not see the user\'s panes, and cannot read, type into, answer, or kill them', async () => {
    expect(await names()).toEqual([]);
    const before = await screenOf(mine);
    const touched = path.join(dir, 'touched-by-send');
    for (const target of ['mine', mine]) {
      const unknown = target === mine ? `No worker pane ${mine}` : 'No worker named "mine"';
      expect(await mcp.error('read_screen', { worker: target })).toContain(unknown);
      expect(await mcp.error('send_task', { worker: target, text: `touch ${touched}` })).toContain(unknown);
      expect(await mcp.error('compact_worker', { worker: target })).toContain(unknown);
      expect(await mcp.error('interrupt_worker', { worker: target })).toContain(unknown);
      expect(await mcp.error('answer_prompt', { worker: target, answer: 'yes' })).toContain(unknown);
      expect(await mcp.error('kill_worker', { worker: target })).toContain(unknown);
      expect(await mcp.error('wait_for_state', { worker: target, states: ['idle'], timeout_seconds: 1 })).toContain(unknown);
      expect(await mcp.error('add_task', { worker: target, text: `touch ${touched}` })).toContain(unknown);
    }
    expect(await mcp.error('broadcast', { text: `touch ${touched}` })).toBe('No workers to broadcast to.');
    expect((await mcp.data('status_report')).workers).toEqual([]);
    expect(existsSync(touched)).toBe(false);
    expect(await screenOf(mine)).toBe(before);
  });

  it('create_worker starts only known agents: a shell command is refused with a sentence, and nothing runs', async () => {
    const file = path.join(dir, 'touched-by-create');
    const message = await mcp.error('create_worker', { name: 'sneaky', cwd: dir, agent: `bash -c 'touch ${file}'` });
    expect(message).toMatch(/^create_worker starts only claude, codex, gemini, aider \(by name\), not "bash"; nothing was started\. .*orch-tui init --allow-command bash/);
    expect(await mcp.error('create_worker', { name: 'sneaky', cwd: dir, agent: 'claude --dangerously-skip-permissions' }))
      .toMatch(/^create_worker does not start claude with --dangerously-skip-permissions: /);
    expect(await mcp.error('create_worker', { name: 'sneaky', cwd: dir, env: { LD_PRELOAD: '/tmp/x.so' } }))
      .toMatch(/^create_worker may not set LD_PRELOAD in a worker's environment/);
    expect((await server.tmux('list-sessions', '-F', '#{session_name}')).split('\n')).not.toContain('sneaky');
    expect(existsSync(file)).toBe(false);
  });

  it('a pane the person adopts is usable at once; a plain shell takes text only when adopted as taking commands', async () => {
    const adopted = await orchCli(person, ['adopt', 'mine']);
    expect(adopted.exitCode, adopted.stderr).toBe(0);
    expect(adopted.stdout).toMatch(/^Adopted mine \(%\d+\): an orchestrating agent can now see it/);
    expect(await names()).toEqual(['mine']);
    expect((await mcp.data('read_screen', { worker: 'mine' })).lines).toContain('the-users-secret-token');
    const file = path.join(dir, 'touched-with-consent');
    expect(await mcp.error('send_task', { worker: 'mine', text: `touch ${file}` }))
      .toMatch(/^mine runs bash, not an agent: text sent to it would run as a command, .*orch-tui adopt mine --accepts-commands/);
    expect(await mcp.error('add_task', { worker: 'mine', text: `touch ${file}` })).toMatch(/^mine runs bash, not an agent/);
    expect(existsSync(file)).toBe(false);

    expect((await orchCli(person, ['adopt', 'mine', '--accepts-commands'])).exitCode).toBe(0);
    expect(await mcp.data('send_task', { worker: 'mine', text: `touch ${file}` })).toMatchObject({ delivered: true });
    await waitFor(() => expect(existsSync(file)).toBe(true));

    const released = await orchCli(person, ['release', 'mine', '--json']);
    expect(JSON.parse(released.stdout)).toMatchObject({ worker: 'mine', managed: false });
    expect(await names()).toEqual([]);
    expect(await mcp.error('read_screen', { worker: 'mine' })).toContain('No worker named "mine"');
  });

  it('a task an agent queued is never sent to a pane that is no longer managed, whoever dispatches', async () => {
    expect((await orchCli(person, ['adopt', 'mine', '--accepts-commands'])).exitCode).toBe(0);
    const file = path.join(dir, 'touched-by-task');
    // A person's dispatcher holds the lock (stopped, so it sends nothing yet): the agent's server cannot dispatch.
    const { execa } = await import('execa');
    const holder = execa(process.execPath, [path.resolve('dist/src/cli.js'), '-L', server.socket, 'run'], {
      reject: false, env: { XDG_STATE_HOME: person.stateHome },
    });
    const lock = path.join(person.stateHome, 'orch-tui', serverKey({ socketName: server.socket }), 'dispatcher.lock');
    // The lock names the holder (it is created whole: see dispatcherLock.ts).
    await waitFor(async () => expect(JSON.parse(await readFile(lock, 'utf8')).pid).toBe(holder.pid));
    holder.kill('SIGSTOP');
    try {
      expect(await mcp.data('add_task', { id: 'agents', worker: 'mine', text: `touch ${file}` })).toMatchObject({ added: true });
      // The person takes the pane back before any dispatcher sent it, and the agent goes away.
      await orchCli(person, ['release', 'mine']);
      await mcp.close();
    } finally {
      holder.kill('SIGKILL');
      await holder;
    }
    const run = await orchCli(person, ['--interval', '200', 'run', '--once']);
    const tasks = JSON.parse((await orchCli(person, ['task', 'ls', '--json'])).stdout) as Array<{ id: string; state: string; reason?: string }>;
    const agents = tasks.find((t) => t.id === 'agents')!;
    expect(agents.state, run.stdout + run.stderr).toBe('failed');
    expect(agents.reason).toBe('queued by an agent: No worker named "mine".');
    expect(existsSync(file)).toBe(false);
    mcp = await startOrchMcp(person);
  }, 60_000);
});

describe('roles', () => {
  const tmuxEnv = async (paneId: string) => ({
    TMUX: `${await server.tmux('display-message', '-p', '#{socket_path}')},1,0`,
    TMUX_PANE: paneId,
  });

  it('a worker\'s own server (its pane is managed) offers no tool that acts on other workers: only the notes board', async () => {
    const worker = await server.tmux('new-session', '-d', '-s', 'wkr', '-P', '-F', '#{pane_id}', '--', 'sleep', '100000',
      ';', 'set-option', '-p', '@orch_worker', '1');
    const own = await startOrchMcp({ ...person, env: await tmuxEnv(worker) });
    try {
      expect((await own.client.listTools()).tools.map((t) => t.name).sort()).toEqual(['post_note', 'read_notes']);
      expect(own.client.getInstructions()).toMatch(/no tools that act on other\s+workers/);
    } finally {
      await own.close();
    }
  });

  it('an orchestrator\'s server marks its own pane while it runs, so no orch-tui lists it, and unmarks it after', async () => {
    const pane = await server.tmux('new-session', '-d', '-s', 'orchestrator', '-P', '-F', '#{pane_id}', '--', 'sleep', '100000');
    const own = await startOrchMcp({ ...person, env: await tmuxEnv(pane) });
    try {
      expect((await own.client.listTools()).tools.length).toBeGreaterThan(10);
      await waitFor(async () => expect(await server.tmux('display-message', '-p', '-t', pane, '#{@orch_self}')).toMatch(/^mcp \d+$/));
      const ls = JSON.parse((await orchCli(person, ['ls', '--json'])).stdout) as Array<{ name: string }>;
      expect(ls.map((w) => w.name)).not.toContain('orchestrator');
      expect(ls.map((w) => w.name)).toContain('mine');
    } finally {
      await own.close();
    }
    await waitFor(async () => expect(await server.tmux('display-message', '-p', '-t', pane, '#{@orch_self}')).toBe(''));
  });
});

describe('state files', () => {
  it('are readable by their owner only: files 0600, directories 0700', async () => {
    const serverDir = path.join(person.stateHome, 'orch-tui', serverKey({ socketName: server.socket }));
    const mode = async (p: string) => (await stat(p)).mode & 0o777;
    expect(await mode(path.join(serverDir, 'tasks.jsonl'))).toBe(0o600);
    expect(await mode(serverDir)).toBe(0o700);
    expect(await mode(path.join(person.stateHome, 'orch-tui'))).toBe(0o700);
    expect(await mode(path.join(person.stateHome, 'orch-tui', 'locks'))).toBe(0o700);
  });
});
