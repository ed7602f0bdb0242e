import os from 'node:os';
import path from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/App.js';
import { createOrchStore } from '../../src/store/orchStore.js';
import { createDispatcher } from '../../src/dispatch/dispatcher.js';
import { TaskJournal } from '../../src/tasks/taskJournal.js';
import { TaskQueue } from '../../src/tasks/taskQueue.js';
import { cleanup, KEYS, render, waitFor } from '../render.js';
import { FakeTmuxAdapter } from './fakeTmuxAdapter.js';
import { makePanes } from '../unit/paneFactory.js';

afterEach(cleanup);

async function mount() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orch-views-'));
  const queue = new TaskQueue(new TaskJournal(path.join(dir, 'tasks.jsonl')));
  const adapter = new FakeTmuxAdapter(makePanes(2, { windowActivity: Math.floor(Date.now() / 1000) }));
  const store = createOrchStore();
  const r = render(
    <App
      store={store}
      adapter={adapter}
      intervalMs={50}
      onQuit={vi.fn()}
      dispatcher={createDispatcher({ adapter, lockDir: dir })}
      defaultCwd={dir}
      taskQueue={queue}
    />,
    { columns: 120, rows: 30 },
  );
  await waitFor(() => expect(r.lastFrame()).toContain('2 workers'));
  return { r, queue };
}

/** Type text one key at a time, as a person does. */
async function type(r: Awaited<ReturnType<typeof mount>>['r'], text: string) {
  for (const ch of text) r.stdin.write(ch);
  await waitFor(() => expect(r.lastFrame()).toContain(text));
}

describe('the task view (T)', () => {
  it('adds a task through its form, lists it with its state, cancels and retries it', async () => {
    const { r, queue } = await mount();
    r.stdin.write('T');
    await waitFor(() => expect(r.lastFrame()).toContain('Tasks (0)'));
    r.stdin.write('a');
    await waitFor(() => expect(r.lastFrame()).toContain('New task'));
    await type(r, 'write the API');
    r.stdin.write(KEYS.enter);
    await waitFor(() => expect(r.lastFrame()).toMatch(/Task t1 queued for w1/));
    expect((await queue.list()).tasks).toMatchObject([{ id: 't1', worker: 'w1', text: 'write the API', state: 'queued' }]);
    await waitFor(() => expect(r.lastFrame()).toMatch(/t1 +queued +w1/));
    r.stdin.write('c');
    await waitFor(() => expect(r.lastFrame()).toMatch(/t1 +cancelled/));
    r.stdin.write('r');
    await waitFor(() => expect(r.lastFrame()).toMatch(/t1 +queued/));
    r.stdin.write(KEYS.escape);
    await waitFor(() => expect(r.lastFrame()).toContain('progress 0%'));
  });
});

describe('a task compacted first', () => {
  it('is marked 🗜 in the list and its detail says how full its worker was and the goal', async () => {
    const { r, queue } = await mount();
    await queue.add({ worker: 'w1', text: 'Now integrate the form', after: [] });
    await queue.journal.append({ type: 'compact', at: Date.now(), id: 't1', paneId: '%1', goal: 'Now integrate the form', percent: 62 });
    await queue.journal.append({ type: 'compact-sent', at: Date.now(), id: 't1' });
    r.stdin.write('T');
    await waitFor(() => expect(r.lastFrame()).toMatch(/t1 +queued +w1 +🗜 Now integrate the form/));
    expect(r.lastFrame()).toContain('compacting first: its worker was 62% full (goal: Now integrate the form)');
    await queue.journal.append({ type: 'compacted', at: Date.now(), id: 't1', percentAfter: 3 });
    await waitFor(() => expect(r.lastFrame()).toContain('compacted first at 62%, then 3% (goal: Now integrate the form)'));
  });
});

describe('a refused form', () => {
  it('says why, keeps the form, and Esc still closes it', async () => {
    const { r } = await mount();
    r.stdin.write('T');
    await waitFor(() => expect(r.lastFrame()).toContain('Tasks (0)'));
    r.stdin.write('a');
    await waitFor(() => expect(r.lastFrame()).toContain('New task'));
    await type(r, 'hello');
    r.stdin.write(KEYS.tab);
    await type(r, 'nope');
    r.stdin.write(KEYS.enter);
    await waitFor(() => expect(r.lastFrame()).toContain('No task nope to wait for'));
    r.stdin.write(KEYS.escape);
    await waitFor(() => expect(r.lastFrame()).not.toContain('New task'));
    r.stdin.write(KEYS.escape);
    await waitFor(() => expect(r.lastFrame()).toContain('2 workers'));
  });
});

describe('the status view (s)', () => {
  it("shows the seed's report and the overall progress", async () => {
    const { r, queue } = await mount();
    await queue.add({ worker: 'w2', text: 'write the tests', after: [] });
    r.stdin.write('s');
    await waitFor(() => {
      const frame = r.lastFrame();
      expect(frame).toContain('🎯 Orchestration Status');
      expect(frame).toContain('w2 (');
      expect(frame).toContain('📋 Next: write the tests');
      expect(frame).toContain('Overall progress: 0% complete');
    });
    r.stdin.write('s');
    await waitFor(() => expect(r.lastFrame()).not.toContain('🎯 Orchestration Status'));
  });
});
