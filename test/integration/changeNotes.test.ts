/**
 * Change notes from a real dispatcher (`orch-tui run`) in a real git
 * repository: a finished task leaves a note from its worker with the first
 * lines of its result and the files with their line counts. A shell worker
 * never has notes typed into it, with its task or with --now.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { startTestServer, type TestServer } from '../harness/tmuxServer.js';
import { orchCli } from '../mcp/mcpClient.js';

let server: TestServer;
let dir: string;
let repo: string;
let person: { socket: string; stateHome: string };
const cli = (...args: string[]) => orchCli(person, ['--interval', '200', ...args]);
interface NoteRow { id: string; from: string; to: string[]; topic?: string; task?: string; text: string; readBy: string[] }
const notes = async () => JSON.parse((await cli('note', 'ls', '--json')).stdout) as NoteRow[];

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(tmpdir(), 'orch-change-notes-'));
  person = { socket: server.socket, stateHome: path.join(dir, 'state') };
  repo = path.join(dir, 'repo');
  const git = (...args: string[]) => execa('git', ['-C', repo, ...args]);
  await execa('git', ['init', '-q', repo]);
  await git('config', 'user.email', 'dev@example.com');
  await git('config', 'user.name', 'Dev');
  await writeFile(path.join(repo, 'tracked.txt'), 'a\nb\nc\n');
  await git('add', 'tracked.txt');
  await git('commit', '-q', '-m', 'first');
  await server.tmux('new-session', '-d', '-s', 'sh', '-x', '120', '-y', '30', '-c', repo, '--', 'env', 'PS1=', 'bash', '--norc', '--noprofile');
}, 30_000);

afterAll(async () => {
  await server?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('change notes', () => {
  it('a finished task leaves one note from its worker: the task, its result\'s first lines, the files and their counts', async () => {
    const task = "printf 'one\\ntwo\\n' >> tracked.txt; sed -i 1d tracked.txt; printf 'x\\ny\\nz\\n' > new.txt; echo CHANGED-$((40+2))";
    expect((await cli('task', 'add', 'sh', task)).exitCode).toBe(0);
    const run = await cli('run', '--until-done');
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    const [change, ...others] = await notes();
    expect(others).toEqual([]);
    expect(change).toMatchObject({ from: 'sh', to: [], topic: 'changes', task: 't1' });
    // Named as the status report names it: a long command cut at a word.
    expect(change!.text).toBe(`Finished t1: ${task.slice(0, task.lastIndexOf(' CHANGED'))}…\nResult:\n  CHANGED-42\nFiles: new.txt (+3 −0), tracked.txt (+2 −1)`);
    // The status report's own numbers for the same directory agree.
    expect((await cli('status')).stdout).toContain('Files: new.txt (+3 −0), tracked.txt (+2 −1)');
  }, 60_000);

  it('notes are never typed into a shell: not with its next task, not with --now; a second run posts no second note for t1', async () => {
    const now = await cli('note', 'add', '--to', 'sh', '--now', '--', 'echo SHOULD-NEVER-RUN');
    expect(now.exitCode, now.stderr).toBe(0);
    expect(now.stdout).toMatch(/^n2 Not sent to sh: it runs bash, not an agent: notes are never typed into it\.$/m);
    expect((await cli('task', 'add', 'sh', 'echo SECOND-$((1+1))')).exitCode).toBe(0);
    const run = await cli('run', '--until-done');
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    const history = await server.tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'sh');
    expect(history).toContain('SECOND-2');
    expect(history).not.toContain('SHOULD-NEVER-RUN');
    expect(history).not.toContain('Notes from your team');
    const all = await notes();
    expect(all.filter((n) => n.task === 't1')).toHaveLength(1);
    expect(all.find((n) => n.task === 't2')?.text).toContain('Result:\n  SECOND-2');
    expect(all.find((n) => n.id === 'n2')?.readBy).toEqual(['you']);
  }, 60_000);
});
