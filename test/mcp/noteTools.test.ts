/**
 * The notes board through real MCP clients on `orch-tui mcp`, against a
 * real tmux server: a worker's own server (its pane is managed) offers
 * exactly post_note and read_notes, posts as itself whatever it is told,
 * and reads only what is addressed to it or to all; the orchestrator's
 * server reads the board but not notes that name panes it may not see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from '../harness/tmuxServer.js';
import { serverKey } from '../../src/stateDir.js';
import { orchCli, startOrchMcp, type OrchMcp } from './mcpClient.js';

let server: TestServer;
let dir: string;
let person: { socket: string; stateHome: string };
let orchestrator: OrchMcp;
let backend: OrchMcp;
let frontend: OrchMcp;

const managedPane = (name: string) =>
  server.tmux('new-session', '-d', '-s', name, '-P', '-F', '#{pane_id}', '--', 'sleep', '100000', ';', 'set-option', '-p', '@orch_worker', '1');
const inPane = async (paneId: string) => ({ TMUX: `${await server.tmux('display-message', '-p', '#{socket_path}')},1,0`, TMUX_PANE: paneId });
const cli = (...args: string[]) => orchCli(person, args);
const texts = (data: { notes: Array<{ text: string }> }) => data.notes.map((n) => n.text).sort();

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(tmpdir(), 'orch-notes-mcp-'));
  person = { socket: server.socket, stateHome: path.join(dir, 'state') };
  const [backendPane, frontendPane] = [await managedPane('backend'), await managedPane('frontend')];
  await server.tmux('new-session', '-d', '-s', 'mine', '--', 'sleep', '100000');
  [orchestrator, backend, frontend] = await Promise.all([
    startOrchMcp(person),
    startOrchMcp({ ...person, env: await inPane(backendPane) }),
    startOrchMcp({ ...person, env: await inPane(frontendPane) }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([orchestrator?.close(), backend?.close(), frontend?.close()]);
  await server?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a worker\'s own server: the notes board and nothing else', () => {
  it('offers exactly post_note and read_notes, and says so', async () => {
    expect((await backend.client.listTools()).tools.map((t) => t.name).sort()).toEqual(['post_note', 'read_notes']);
    expect(backend.client.getInstructions()).toMatch(/no tools that act on other\s+workers/);
  });

  it('posts as its own pane\'s worker, whatever author the caller names', async () => {
    const posted = await backend.data('post_note', { text: 'The API listens on :8080.', to: ['frontend'], topic: 'api', author: 'frontend', from: 'orchestrator' });
    expect(posted).toMatchObject({ from: 'backend', to: ['frontend'] });
    const listed = JSON.parse((await cli('note', 'ls', '--json')).stdout) as Array<{ id: string; from: string; topic: string }>;
    expect(listed.find((n) => n.id === posted.id)).toMatchObject({ from: 'backend', topic: 'api' });
  });

  it('cannot address a pane agents may not see: it fails as a missing worker does', async () => {
    const minePane = (await server.tmux('display-message', '-p', '-t', 'mine', '#{pane_id}')).trim();
    expect(await backend.error('post_note', { text: 'rm -rf /', to: ['mine'] })).toContain('No worker named "mine"');
    expect(await backend.error('post_note', { text: 'rm -rf /', to: [minePane] })).toContain(`No worker pane ${minePane}`);
    expect(await orchestrator.error('post_note', { text: 'x', to: ['mine'] })).toContain('No worker named "mine"');
  });

  it('reads only what is addressed to it or to all, and what it read is read', async () => {
    expect((await cli('note', 'add', '--to', 'mine', '--', 'For my own shell only.')).exitCode).toBe(0);
    expect((await cli('note', 'add', '--', 'For the board.')).exitCode).toBe(0);
    await orchestrator.data('post_note', { text: 'Backend: keep the old token format.', to: ['backend'] });
    await backend.data('post_note', { text: 'Everyone: the dev server is on :5173.', to: ['all'] });
    expect(texts(await frontend.data('read_notes', {}))).toEqual(['Everyone: the dev server is on :5173.', 'The API listens on :8080.']);
    expect(texts(await backend.data('read_notes', {}))).toEqual(['Backend: keep the old token format.']);
    expect(await frontend.data('read_notes', { unread_only: true })).toEqual({ notes: [] });
    expect((await cli('note', 'ls', '--for', 'frontend', '--unread')).stdout.trim()).toBe('No notes.');
    expect((await cli('note', 'ls', '--for', 'backend')).stdout).toContain('keep the old token format');
  });
});

describe('the orchestrator\'s server', () => {
  it('reads the board as "orchestrator", without notes that name a pane it may not see', async () => {
    const all = await orchestrator.data('read_notes', { limit: 50 });
    expect(texts(all)).toEqual([
      'Backend: keep the old token format.', 'Everyone: the dev server is on :5173.', 'For the board.', 'The API listens on :8080.',
    ]);
    expect(JSON.stringify(all)).not.toContain('mine');
    expect(texts(await orchestrator.data('read_notes', { for: 'frontend' }))).toEqual(['Everyone: the dev server is on :5173.', 'The API listens on :8080.']);
    expect(await orchestrator.data('read_notes', { unread_only: true })).toEqual({ notes: [] });
    const report = await orchestrator.data('status_report');
    expect(report.text).toContain('🗒 Latest notes:');
    expect(report.text).toContain('backend → all: Everyone: the dev server is on :5173.');
    expect(report.text).not.toContain('mine');
  });
});

describe('the note verbs', () => {
  it('note read shows the whole note and who read it; the person\'s status report lists the last notes', async () => {
    const listed = JSON.parse((await cli('note', 'ls', '--json')).stdout) as Array<{ id: string; text: string }>;
    const id = listed.find((n) => n.text === 'The API listens on :8080.')!.id;
    const read = await cli('note', 'read', id);
    expect(read.exitCode, read.stderr).toBe(0);
    expect(read.stdout).toContain(`${id} from backend to frontend`);
    expect(read.stdout).toMatch(/Read by: backend, frontend, orchestrator, you/);
    expect((await cli('status')).stdout).toContain('you → mine: For my own shell only.');
  });

  it('bad input: one sentence on stderr, exit 1', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['note', 'read', 'n99'], /^orch-tui: No note n99 \(see orch-tui note ls\)\.$/],
      [['note', 'add'], /^orch-tui: Usage: orch-tui note add/],
      [['note', 'add', '--now', '--', 'hi'], /^orch-tui: --now sends a note to its workers: name them with --to/],
      [['note', 'add', '--to', 'nobody', '--', 'hi'], /^orch-tui: No worker named "nobody"/],
      [['note', 'add', '--to', 'all', '--to', 'backend', '--', 'hi'], /not both/],
      [['note', 'frob'], /^orch-tui: Usage: orch-tui note add/],
    ];
    for (const [args, stderr] of cases) {
      const r = await cli(...args);
      expect([r.exitCode, r.stderr], args.join(' ')).toEqual([1, expect.stringMatching(stderr)]);
      expect(r.stderr.split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('the board file is owner-only', async () => {
    const file = path.join(person.stateHome, 'orch-tui', serverKey({ socketName: server.socket }), 'notes.jsonl');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('post_note with now', () => {
  it('says what became of it for each worker it may see, and never names a pane it may not', async () => {
    const posted = await orchestrator.data('post_note', { text: 'Stand-up in five minutes.', to: ['all'], now: true });
    expect(posted.delivery).toContain('Not sent to backend: it runs sleep, not an agent: notes are never typed into it.');
    expect(posted.delivery).toContain('Not sent to frontend');
    expect(posted.delivery).not.toMatch(/mine|keeper/);
    // A worker's server has no `now`: it never types into another worker.
    const tool = (await backend.client.listTools()).tools.find((t) => t.name === 'post_note')!;
    expect(Object.keys(tool.inputSchema.properties ?? {}).sort()).toEqual(['tags', 'text', 'to', 'topic']);
  });
});
