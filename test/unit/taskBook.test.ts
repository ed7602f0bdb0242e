/** The queue's pure parts: replaying the journal, what a new task may say, the dispatch plan, a shell's output. */
import { describe, expect, it } from 'vitest';
import { nextTaskId, replay } from '../../src/tasks/replayTasks.js';
import { problemOfNewTask } from '../../src/tasks/checkNewTask.js';
import { planTasks, type WorkerView } from '../../src/tasks/planTasks.js';
import { outputAfter } from '../../src/tasks/taskResults.js';
import type { JournalEvent, ServerLife } from '../../src/tasks/taskTypes.js';

const life: ServerLife = { pid: 100, startedAt: 1_700_000_000 };
const add = (id: string, worker = 'w', after: string[] = [], text = `do ${id}`, server: ServerLife | undefined = life): JournalEvent =>
  ({ type: 'add', at: 1, id, worker, text, after, ...(server ? { server } : {}) });

describe('replaying the journal', () => {
  it('retry queues a done task again, without its old result; remove forgets a task and never hands its id out again', () => {
    const book = replay([
      add('t1'), { type: 'sending', at: 2, id: 't1', paneId: '%1', text: 'do t1' }, { type: 'sent', at: 3, id: 't1' },
      { type: 'done', at: 4, id: 't1', result: 'R' },
      { type: 'retry', at: 5, id: 't1', server: { pid: 200, startedAt: 1_800_000_000 } },
      add('t2'), { type: 'remove', at: 6, id: 't2' },
    ]);
    const t1 = book.tasks.get('t1')!;
    expect(t1).toMatchObject({ state: 'queued', server: { pid: 200 } });
    expect(t1.result).toBeUndefined();
    expect(t1.sentText).toBeUndefined();
    expect(book.tasks.has('t2')).toBe(false);
    expect(nextTaskId(book)).toBe('t3');
  });

  it('a queued or sent task is not "retried"', () => {
    const book = replay([add('t1'), { type: 'retry', at: 2, id: 't1' }, add('t2'), { type: 'sending', at: 3, id: 't2', paneId: '%1', text: 'x' }, { type: 'sent', at: 4, id: 't2' }, { type: 'retry', at: 5, id: 't2' }]);
    expect([...book.tasks.values()].map((t) => t.state)).toEqual(['queued', 'sent']);
  });
});

describe('what a new task may say', () => {
  const tasks = replay([add('api'), add('ui', 'w', ['api']), add('other')]).tasks;
  it.each<[string, string, string[], string | undefined]>([
    ['a result it waits for', 'use {{result:api}}', ['api'], undefined],
    ['a result it waits for through another task', 'use {{result:api}}', ['ui'], undefined],
    ['a result it does not wait for', 'use {{result:other}}', ['api'],
      '{{result:other}} names other, which this task does not wait for: add it to the task\'s after (--after other), so its result exists when the text is sent.'],
    ['a result with no after at all', 'use {{result:api}}', [],
      '{{result:api}} names api, which this task does not wait for: add it to the task\'s after (--after api), so its result exists when the text is sent.'],
    ['a result of no task', 'use {{result:zz}}', ['api'], '{{result:zz}} names no task (see orch-tui task ls).'],
    ['a misspelt reference', 'use {{ result: api }}', ['api'], 'Write {{ result: api }} as {{result:api}} (no spaces), or it is sent as it stands.'],
    ['an unknown after', 'plain', ['nope'], 'No task nope to wait for (see orch-tui task ls).'],
  ])('%s', (_title, text, after, problem) => {
    expect(problemOfNewTask(text, after, tasks)).toBe(problem);
  });
});

describe('the dispatch plan', () => {
  const view = (name: string, state: WorkerView['state'], reason = ''): [string, WorkerView] => [name, { name, paneId: `%${name}`, state, reason }];

  it('due tasks to different workers go out together, one at a time per worker; the rest say why they wait', () => {
    const book = replay([add('a1', 'a'), add('a2', 'a'), add('b1', 'b'), add('c1', 'c'), add('d1', 'd'), add('e1', 'e', ['a1'])]);
    const workers = new Map([view('a', 'idle'), view('b', 'idle'), view('c', 'working', '`sleep` runs'), view('d', 'exited', 'exited with status 1'), view('e', 'idle')]);
    expect(planTasks(book.tasks, workers, new Set(), life)).toEqual([
      { kind: 'send', task: book.tasks.get('a1') },
      { kind: 'hold', id: 'a2', reason: 'a is still on task a1' },
      { kind: 'send', task: book.tasks.get('b1') },
      { kind: 'hold', id: 'c1', reason: 'c is working (`sleep` runs)' },
      { kind: 'fail', id: 'd1', reason: 'd has exited (exited with status 1)' },
    ]);
  });

  it('a task whose worker is gone fails when it is due; one queued on another life of the server is never sent', () => {
    const book = replay([add('t1', 'gone'), add('t2', 'w', [], 'x', { pid: 99, startedAt: 1_600_000_000 }), add('t3', 'w', [], 'x', undefined)]);
    const plan = planTasks(book.tasks, new Map([view('w', 'idle')]), new Set(), life);
    expect(plan[0]).toEqual({ kind: 'fail', id: 't1', reason: 'its worker gone is gone' });
    expect(plan[1]).toMatchObject({ kind: 'fail', id: 't2', reason: expect.stringMatching(/^it was queued on another tmux server \(pid 99, started .*\), which is gone; orch-tui task retry t2 queues it on this one$/) });
    // Queued before tasks remembered their server: sent here.
    expect(plan[2]).toEqual({ kind: 'send', task: book.tasks.get('t3') });
  });
});

describe("a shell command's output, without the prompt", () => {
  const screen = (text: string) => text.split('\n');
  it.each<[string, string, string, string, string]>([
    ['the prompt after the output (the issue\'s case)', 'root@vm:/tmp/x# echo task-one-result\ntask-one-result\nroot@vm:/tmp/x#', 'echo task-one-result', 'root@vm:/tmp/x# ', 'task-one-result'],
    ['output without a final newline shares the prompt\'s row', '$ printf abc\nabc$', 'printf abc', 'abc$ ', 'abc'],
    ['a prompt that changed (a clock in it)', '[10:01] $ make\ncc -c a.c\nok\n[10:02] $', 'make', '[10:02] $ ', 'cc -c a.c\nok'],
    ['an empty prompt', 'echo ONE\nONE\n', 'echo ONE', '', 'ONE'],
    ['several lines, indentation kept, older screens above ignored', 'old\n$ ./t.sh\n  step 1\n  step 2\n\n$', './t.sh', '$ ', '  step 1\n  step 2'],
    ['a multi-line text: output after its last line', '$ cat <<EOF\n> a\n> EOF\na\n$', 'cat <<EOF\na\nEOF', '$ ', 'a'],
  ])('%s', (_title, history, sent, cursorRow, result) => {
    expect(outputAfter(screen(history), sent, cursorRow)).toBe(result);
  });
});
