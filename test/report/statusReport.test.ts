import { describe, expect, it } from 'vitest';
import { buildStatusReport, type StatusWorkerInput } from '../../src/report/statusReport.js';
import type { Task, TaskState } from '../../src/tasks/taskTypes.js';
import { makeTask } from './taskFactory.js';

const idle = (name: string, extra: Partial<StatusWorkerInput> = {}): StatusWorkerInput => ({
  name,
  state: 'idle',
  reason: 'prompt',
  ...extra,
});

function tasksIn(...states: TaskState[]): Task[] {
  return states.map((state, i) => makeTask(`t${i + 1}`, 'api', `task ${i + 1}`, { state }));
}

describe('buildStatusReport: overall progress', () => {
  it.each([
    { states: [] as TaskState[], percent: 0, noTasks: true },
    { states: ['cancelled', 'cancelled'] as TaskState[], percent: 0, noTasks: true },
    { states: ['done'] as TaskState[], percent: 100, noTasks: false },
    { states: ['done', 'queued'] as TaskState[], percent: 50, noTasks: false },
    { states: ['done', 'done', 'done', 'sent'] as TaskState[], percent: 75, noTasks: false },
    // Cancelled tasks leave the denominator; failed ones stay in it.
    { states: ['done', 'cancelled'] as TaskState[], percent: 100, noTasks: false },
    { states: ['done', 'failed'] as TaskState[], percent: 50, noTasks: false },
    // Rounded down: 100% only when everything counted is done.
    { states: ['done', 'done', 'queued'] as TaskState[], percent: 66, noTasks: false },
    { states: [...Array<TaskState>(199).fill('done'), 'sent' as TaskState], percent: 99, noTasks: false },
  ])('$states.length tasks $states → $percent%', ({ states, percent, noTasks }) => {
    const report = buildStatusReport({ workers: [idle('api')], tasks: tasksIn(...states) });
    expect(report.overallPercent).toBe(percent);
    expect(report.noTasks).toBe(noTasks);
    expect(report.counts.total).toBe(states.length);
  });

  it('counts each state', () => {
    const report = buildStatusReport({ workers: [], tasks: tasksIn('done', 'sent', 'queued', 'queued', 'failed', 'cancelled') });
    expect(report.counts).toEqual({ total: 6, queued: 2, sent: 1, done: 1, failed: 1, cancelled: 1 });
  });
});

describe('buildStatusReport: per worker', () => {
  it('lists done tasks by their first line, in task order, and failed ones with why', () => {
    const tasks = [
      makeTask('a', 'api', '\n  Build the API  \nwith details', { state: 'done' }),
      makeTask('b', 'api', 'Write docs', { state: 'failed', reason: 'worker exited' }),
      makeTask('c', 'api', 'Add caching', { state: 'done' }),
      makeTask('d', 'api', 'Dropped', { state: 'cancelled' }),
      makeTask('e', 'ui', 'Not mine', { state: 'done' }),
    ];
    const [api] = buildStatusReport({ workers: [idle('api'), idle('ui')], tasks }).workers;
    expect(api!.done).toEqual([
      { id: 'a', text: 'Build the API' },
      { id: 'c', text: 'Add caching' },
    ]);
    expect(api!.failed).toEqual([{ id: 'b', text: 'Write docs', reason: 'worker exited' }]);
  });

  it.each([
    {
      what: 'the sent task wins over the screen',
      tasks: [makeTask('a', 'api', 'Add login\nmore', { state: 'sent' })],
      latestLine: '● Bash(npm test)',
      current: { kind: 'task', id: 'a', text: 'Add login' },
    },
    {
      what: 'no sent task: the latest output line, cleaned',
      tasks: [makeTask('a', 'api', 'Add login', { state: 'done' })],
      latestLine: '\u001b[32m  ✓ 3 passed\t(1s) \u001b[0m',
      current: { kind: 'output', text: '✓ 3 passed (1s)' },
    },
    { what: 'a blank screen: nothing', tasks: [], latestLine: '   ', current: null },
    { what: 'no screen: nothing', tasks: [], latestLine: undefined, current: null },
  ])('current: $what', ({ tasks, latestLine, current }) => {
    const [api] = buildStatusReport({ workers: [idle('api', { latestLine })], tasks }).workers;
    expect(api!.current).toEqual(current);
  });

  it('waits for the unfinished tasks its queued tasks are after, each once, with their state', () => {
    const tasks = [
      makeTask('api', 'backend', 'Build the API', { state: 'sent' }),
      makeTask('ui', 'frontend', 'Build the UI', { state: 'queued' }),
      makeTask('schema', 'backend', 'Schema', { state: 'done' }),
      makeTask('lint', 'backend', 'Lint', { state: 'failed', reason: 'x' }),
      makeTask('t1', 'tests', 'Integration tests', { after: ['schema', 'api', 'ui'] }),
      makeTask('t2', 'tests', 'E2E tests', { after: ['ui', 'lint', 'gone'] }),
      makeTask('t0', 'tests', 'Old', { state: 'done', after: ['nope'] }),
    ];
    const report = buildStatusReport({ workers: [idle('tests')], tasks });
    const tests = report.workers.find((w) => w.name === 'tests')!;
    expect(tests.waitingFor).toEqual([
      { id: 'api', state: 'sent' },
      { id: 'ui', state: 'queued' },
      { id: 'lint', state: 'failed' },
      { id: 'gone', state: 'missing' },
    ]);
    expect(tests.next).toEqual({ id: 't1', text: 'Integration tests' });
  });

  it('has nothing waiting or next when its queued tasks are free to go or there are none', () => {
    const tasks = [
      makeTask('a', 'api', 'First', { state: 'done' }),
      makeTask('b', 'api', 'Second', { after: ['a'] }),
      makeTask('c', 'ui', 'Other', { state: 'sent' }),
    ];
    const report = buildStatusReport({ workers: [idle('api'), idle('ui')], tasks });
    expect(report.workers[0]).toMatchObject({ waitingFor: [], next: { id: 'b', text: 'Second' } });
    expect(report.workers[1]).toMatchObject({ waitingFor: [], next: null, done: [], failed: [] });
  });

  it('gives a block to a worker that only tasks name, after the listed ones', () => {
    const tasks = [makeTask('a', 'later', 'Start later'), makeTask('b', 'api', 'Now', { state: 'sent' })];
    const report = buildStatusReport({ workers: [idle('api')], tasks });
    expect(report.workers.map((w) => [w.name, w.state])).toEqual([
      ['api', 'idle'],
      ['later', 'missing'],
    ]);
    expect(report.workers[1]!.next).toEqual({ id: 'a', text: 'Start later' });
  });

  it('keeps git changes as given and null when not looked at', () => {
    const changes = { repo: true, files: [{ path: 'a.ts', added: 1, removed: 2 }] };
    const report = buildStatusReport({ workers: [idle('api', { changes }), idle('ui')], tasks: [] });
    expect(report.workers[0]!.changes).toEqual(changes);
    expect(report.workers[1]!.changes).toBeNull();
  });

  it('is plain data: the JSON form round-trips with every field present', () => {
    const report = buildStatusReport({ workers: [idle('api')], tasks: [] });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(Object.keys(report)).toEqual(['workers', 'counts', 'overallPercent', 'noTasks', 'notes']);
    expect(Object.keys(report.workers[0]!)).toEqual([
      'name', 'state', 'reason', 'done', 'failed', 'changes', 'current', 'waitingFor', 'next',
    ]);
  });
});
