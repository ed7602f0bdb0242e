/**
 * What `orch-tui demo` sets up, and takes down again: a private tmux server
 * with four simulated agents (demo/worker.mjs, each in its own scratch git
 * repository), the tasks that make them show what orch-tui is for, and the
 * list of everything to remove afterwards.
 */
import { execa } from 'execa';
import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { layoutGrid } from '../ui/gridLayout.js';
import { runTmuxProcess } from '../tmux/tmuxProcess.js';
import { resolveSocketPath, type TmuxServerSelection } from '../tmux/tmuxServer.js';
import { notifyGateFile } from '../tmux/notifyGate.js';
import { createTmuxAdapter } from '../tmux/tmuxAdapter.js';
import { endServerNow } from '../tmux/endServerNow.js';
import { removePaths, removePathsNow } from '../removePaths.js';
import { serverKey, stateDir } from '../stateDir.js';
import { journalFor, serverStateDir, TaskQueue } from '../tasks/taskQueue.js';
import { addTaskFor } from '../tasks/addTask.js';

export const DEMO_WORKERS = ['backend', 'frontend', 'tests', 'docs'] as const;

interface DemoTask {
  id: string;
  worker: (typeof DEMO_WORKERS)[number];
  title: string;
  text: string;
  after?: string[];
}

/**
 * Within a minute: the backend's build fails and is fixed; the tests stop
 * on a permission question; the frontend waits for the backend's task and
 * gets its result; docs and backend go working → idle → working.
 */
export const DEMO_TASKS: readonly DemoTask[] = [
  { id: 't1', worker: 'backend', title: 'Auth API', text: 'Implement the auth API in auth/: JWT issuing and checking. Reply with its endpoints.' },
  { id: 't2', worker: 'tests', title: 'Login tests', text: 'Write integration tests for the login flow and run them.' },
  { id: 't3', worker: 'docs', title: 'Auth docs', text: 'Document the auth endpoints in docs/auth.md.' },
  {
    id: 't4', worker: 'frontend', title: 'Login form', after: ['t1'],
    text: 'Build the login form in ui/LoginForm.tsx against the API the backend reported: {{result:t1}}',
  },
  { id: 't5', worker: 'docs', title: 'UI guide', after: ['t4'], text: 'Add the login form to the UI guide.' },
  { id: 't6', worker: 'backend', title: 'Review the form', after: ['t4'], text: "Review ui/LoginForm.tsx's calls against the API." },
];

export interface DemoSetup {
  server: TmuxServerSelection & { socketName: string };
  /** The scratch directory holding each worker's repository. */
  dir: string;
  /** Everything to remove once the demo ends: its task journal, locks, scratch repositories, socket. */
  leftovers: string[];
}

/**
 * Each simulated agent's screen no larger than its tile in a `columns`x`rows`
 * terminal, so what a tile shows is what the agent's screen shows: its input
 * box, and error counts that are what is on screen. The grid's height
 * changes with the attention strip (0 to 3 rows) and, outside tmux, the demo
 * server's status line takes a row: the smallest tile of those layouts.
 */
export function demoPaneSize(columns: number, rows: number): { width: number; height: number } {
  let width = Infinity;
  let height = Infinity;
  for (const terminalRows of [rows, rows - 1]) {
    for (const strip of [0, 1, 2, 3]) {
      // The dashboard keeps three rows: one free, the message line, the footer.
      const layout = layoutGrid(DEMO_WORKERS.length, columns, Math.max(6, terminalRows - 3 - strip));
      width = Math.min(width, layout.cellWidth - 2);
      height = Math.min(height, layout.cellHeight - 3);
    }
  }
  return { width: Math.max(30, width), height: Math.max(6, height) };
}

/** Start the demo server, its workers in their repositories, and queue the demo's tasks. */
export async function setUpDemo(worker: string, size: { width: number; height: number }): Promise<DemoSetup> {
  const server = { socketName: `orch-demo-${process.pid}` };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orch-demo-'));
  const leftovers = [serverStateDir(server), path.join(stateDir(), 'locks', serverKey(server)), dir, resolveSocketPath(server), notifyGateFile(server)];
  for (const [i, name] of DEMO_WORKERS.entries()) {
    const cwd = path.join(dir, name);
    await mkdir(cwd);
    // A repository of its own, so the status report lists the files this worker wrote.
    await execa('git', ['init', '-q', cwd]).catch(() => undefined);
    // The first command starts the server; -f /dev/null keeps the user's tmux config out of it.
    await runTmuxProcess(server, [
      ...(i === 0 ? ['-f', '/dev/null'] : []),
      'new-session', '-d', '-s', name, '-x', String(size.width), '-y', String(size.height), '-c', cwd,
      '--', process.execPath, worker, name,
      // Read as Claude Code: the simulated agent looks like it (see demo/agentScreen.mjs).
      ';', 'set-option', '-p', '-t', `=${name}:`, '@orch_agent', 'claude',
    ]);
  }
  const adapter = createTmuxAdapter({ server, mode: 'process' });
  try {
    const queue = new TaskQueue(journalFor(server));
    for (const task of DEMO_TASKS) {
      await addTaskFor(adapter, queue, { id: task.id, worker: task.worker, title: task.title, text: task.text, after: task.after ?? [] });
    }
  } finally {
    await adapter.close();
  }
  return { server, dir, leftovers };
}

/** Remove what the demo made (its server is gone by now). */
export async function removeLeftovers(leftovers: readonly string[]): Promise<void> {
  await removePaths(leftovers);
}

/**
 * End the demo at once, synchronously: its server and everything it made.
 * For a terminal that was closed (SIGHUP) and a process that is exiting,
 * where nothing asynchronous runs any more.
 */
export function endDemoNow(setup: DemoSetup): void {
  // Its panes' programs (the dashboard among them, outside tmux) exit first: nothing they write is made again after the removal.
  endServerNow(setup.server);
  removePathsNow(setup.leftovers);
}
