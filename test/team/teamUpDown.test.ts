import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { startTestServer, type TestServer } from '../harness/tmuxServer.js';
import { createTmuxAdapter, type TmuxAdapter } from '../../src/tmux/tmuxAdapter.js';
import { loadTeamFile, type Team } from '../../src/team/teamFile.js';
import { teamUp, type QueuedTeamTask, type TaskQueuePort, type TeamUpDeps } from '../../src/team/teamUp.js';
import { teamDown } from '../../src/team/teamDown.js';
import { downVerbWith, teamQueuePort, upVerbWith } from '../../src/cli/verbs/teamVerbs.js';
import { TaskQueue } from '../../src/tasks/taskQueue.js';
import { TaskJournal } from '../../src/tasks/taskJournal.js';
import type { VerbContext } from '../../src/cli/verbContext.js';

/** Stands in for the journal: an id it holds already is reported as such. */
function fakeQueue(): TaskQueuePort & { tasks: QueuedTeamTask[] } {
  const tasks: QueuedTeamTask[] = [];
  return {
    tasks,
    async add(task) {
      if (tasks.some((t) => t.id === task.id)) return { outcome: 'exists', state: 'queued' };
      tasks.push(task);
      return { outcome: 'added' };
    },
  };
}

let server: TestServer;
let adapter: TmuxAdapter;
let base: string;

const SLEEP = 'sleep 100000';

/** Session names, without the adapter's own control-channel session. */
async function sessions(): Promise<string[]> {
  const names = (await server.tmux('list-sessions', '-F', '#{session_name}')).split('\n');
  return names.filter((name) => !name.startsWith('orch-tui-ctl-')).sort();
}

async function teamTag(paneId: string): Promise<string> {
  return server.tmux('display-message', '-p', '-t', paneId, '#{@orch_team}');
}

function verbContext(out: string[]): VerbContext {
  return {
    global: { server: { socketName: server.socket }, intervalMs: 500, help: false, version: false, bell: false, tmuxMessage: false, errorPatterns: [] },
    out: (text) => out.push(text),
    adapter: () => adapter,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  adapter = createTmuxAdapter({ server: { socketName: server.socket }, env: {} });
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'orch-teamup-')));
});

afterAll(async () => {
  await adapter.close();
  await server.kill();
  await rm(base, { recursive: true, force: true });
});

describe('teamUp and teamDown on a real tmux server', () => {
  let team: Team;
  let deps: TeamUpDeps;
  let queue: ReturnType<typeof fakeQueue>;

  beforeEach(async () => {
    // A repository, so one worker can have its own worktree.
    const repo = path.join(base, 'repo');
    await mkdir(repo, { recursive: true });
    await execa('git', ['-C', repo, 'init', '-q']);
    await execa('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'init']);
    await writeFile(path.join(repo, 'orch.yaml'), `defaults: { agent: "${SLEEP}" }
workers:
  alpha: { task: "say hi" }
  beta: {}
  gamma: { worktree: true }
tasks:
  - { id: build, worker: beta, text: "build it", after: [alpha-1] }
  - { id: check, worker: gamma, text: "check {{result:build}}", after: [build] }
`);
    team = await loadTeamFile(path.join(repo, 'orch.yaml'));
    queue = fakeQueue();
    deps = {
      server: adapter.server, adapter, queueTask: (t) => queue.add(t),
      listWorkerNames: async () => sessions(),
    };
  });

  afterEach(async () => {
    for (const name of await sessions()) if (name !== 'keeper') await server.tmux('kill-session', '-t', `=${name}`);
  });

  it('creates only the missing workers, tags them, queues tasks once, and kills only its own', async () => {
    // beta runs already (not from this file); another team and a stranger share the server.
    await server.tmux('new-session', '-d', '-s', 'beta', '--', 'sleep', '100000');
    await server.tmux('new-session', '-d', '-s', 'stranger', '--', 'sleep', '100000');
    const otherPane = await server.tmux('new-session', '-d', '-s', 'other', '-P', '-F', '#{pane_id}', '--', 'sleep', '100000');
    await server.tmux('set-option', '-p', '-t', otherPane, '@orch_team', '/elsewhere/orch.yaml');

    const summary = await teamUp(team, deps);
    expect(summary.created.map((w) => w.name)).toEqual(['alpha', 'gamma']);
    expect(summary.existing).toEqual(['beta']);
    expect(summary.queued).toEqual(['alpha-1', 'build', 'check']);
    expect(summary.alreadyQueued).toEqual([]);
    expect(queue.tasks[2]).toEqual({ id: 'check', worker: 'gamma', text: 'check {{result:build}}', after: ['build'], team: team.file });

    const [alpha, gamma] = summary.created;
    expect(await teamTag(alpha!.paneId)).toBe(team.file);
    expect(await teamTag(gamma!.paneId)).toBe(team.file);
    expect(await server.tmux('display-message', '-p', '-t', alpha!.paneId, '#{@orch_worker} #{pane_current_command}')).toBe('1 sleep');
    // gamma works in its own worktree beside the repository.
    expect(gamma!.worktree).toEqual({ path: path.join(base, 'repo-gamma'), branch: 'orch/gamma', created: true });
    expect(await server.tmux('display-message', '-p', '-t', gamma!.paneId, '#{pane_current_path}')).toBe(path.join(base, 'repo-gamma'));

    // Again: nothing new, every task already in the journal.
    const again = await teamUp(team, deps);
    expect(again).toEqual({
      created: [], existing: ['alpha', 'beta', 'gamma'], queued: [], alreadyQueued: ['alpha-1', 'build', 'check'],
      states: { 'alpha-1': 'queued', build: 'queued', check: 'queued' },
    });

    // One pane of a shared session belongs to the team too: down kills that pane, not the session.
    const keptPane = await server.tmux('new-session', '-d', '-s', 'mixed', '-P', '-F', '#{pane_id}', '--', 'sleep', '100000');
    const teamPane = await server.tmux('split-window', '-d', '-t', keptPane, '-P', '-F', '#{pane_id}', '--', 'sleep', '100000');
    await server.tmux('set-option', '-p', '-t', teamPane, '@orch_team', team.file);

    const refused = await teamDown(team, { adapter });
    expect(refused.killed).toBe(false);
    expect(refused.targets.map((t) => [t.scope, t.sessionName, t.paneIds])).toEqual(expect.arrayContaining([
      ['session', 'alpha', [alpha!.paneId]], ['session', 'gamma', [gamma!.paneId]], ['pane', 'mixed', [teamPane]],
    ]));
    expect(refused.targets).toHaveLength(3);
    expect(await sessions()).toEqual(['alpha', 'beta', 'gamma', 'keeper', 'mixed', 'other', 'stranger']);

    const done = await teamDown(team, { adapter, yes: true });
    expect(done.killed).toBe(true);
    expect(await sessions()).toEqual(['beta', 'keeper', 'mixed', 'other', 'stranger']);
    expect(await server.tmux('list-panes', '-t', 'mixed', '-F', '#{pane_id}')).toBe(keptPane);
  });

  it('up and down as verbs, with the real queue: lines or JSON, down refuses without --yes, and up after down queues the tasks again', async () => {
    const out: string[] = [];
    const ctx = verbContext(out);
    const queue = new TaskQueue(new TaskJournal(path.join(base, `tasks-${Date.now()}.jsonl`)));
    const up = upVerbWith(() => teamQueuePort(queue, adapter));
    const down = downVerbWith(() => queue);
    expect(await up(ctx, ['-f', team.file])).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(/^created alpha \(%\d+\) in .*\/repo$/),
      expect.stringMatching(/^created beta \(%\d+\) in .*\/repo$/),
      expect.stringMatching(/^created gamma \(%\d+\) in .*\/repo-gamma, (a new|the) worktree on orch\/gamma$/),
      'queued alpha-1', 'queued build', 'queued check',
    ]);
    // Queued on this server's life.
    const life = (await server.tmux('display-message', '-p', '#{pid} #{start_time}')).split(' ').map(Number);
    expect((await queue.list()).tasks.map((t) => t.server)).toEqual(Array(3).fill({ pid: life[0], startedAt: life[1] }));

    // A task that finished stays finished on a second `up`, and says how to run it again.
    await queue.journal.append({ type: 'cancel', at: Date.now(), id: 'alpha-1' });
    out.length = 0;
    expect(await up(ctx, ['-f', team.file])).toBe(0);
    expect(out).toEqual([
      'exists alpha: left as it is', 'exists beta: left as it is', 'exists gamma: left as it is',
      'already cancelled alpha-1 (orch-tui task retry alpha-1 runs it again)', 'already queued build', 'already queued check',
    ]);
    out.length = 0;
    expect(await up(ctx, ['-f', team.file, '--json'])).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual({
      file: team.file, created: [], existing: ['alpha', 'beta', 'gamma'], queued: [], alreadyQueued: ['alpha-1', 'build', 'check'],
      states: { 'alpha-1': 'cancelled', build: 'queued', check: 'queued' },
    });

    out.length = 0;
    expect(await down(ctx, ['-f', team.file])).toBe(1);
    expect(out).toEqual([
      expect.stringMatching(/^would kill session alpha \(\$\d+\)$/),
      expect.stringMatching(/^would kill session beta \(\$\d+\)$/),
      expect.stringMatching(/^would kill session gamma \(\$\d+\)$/),
      'would remove task alpha-1 (cancelled)', 'would remove task build (queued)', 'would remove task check (queued)',
    ]);
    expect(await sessions()).toEqual(['alpha', 'beta', 'gamma', 'keeper']);
    expect((await queue.list()).tasks).toHaveLength(3);

    out.length = 0;
    expect(await down(ctx, ['-f', team.file, '--yes', '--json'])).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({
      file: team.file, killed: true,
      removedTasks: [{ id: 'alpha-1', state: 'cancelled' }, { id: 'build', state: 'queued' }, { id: 'check', state: 'queued' }],
    });
    expect(await sessions()).toEqual(['keeper']);
    expect((await queue.list()).tasks).toEqual([]);

    out.length = 0;
    expect(await down(ctx, ['-f', team.file])).toBe(0);
    expect(out).toEqual([`No workers from ${team.file} are running.`]);

    // up again: the workers come back, and so do their tasks.
    out.length = 0;
    expect(await up(ctx, ['-f', team.file])).toBe(0);
    expect(out.slice(-3)).toEqual(['queued alpha-1', 'queued build', 'queued check']);
    expect((await queue.list()).tasks.map((t) => [t.id, t.state])).toEqual([['alpha-1', 'queued'], ['build', 'queued'], ['check', 'queued']]);
  });
});
