import os from 'node:os';
import React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import stringWidth from 'string-width';
import { App } from '../../components/App.js';
import { helpLines, splitColumns } from '../../components/HelpView.js';
import { createDispatcher } from '../../src/dispatch/dispatcher.js';
import { createOrchStore } from '../../src/store/orchStore.js';
import { footerEntries } from '../../src/ui/keyTable.js';
import { cleanup, KEYS, plainLines, render, waitFor, type RenderResult } from '../render.js';
import { FakeTmuxAdapter } from './fakeTmuxAdapter.js';
import { makePane, makePanes } from '../unit/paneFactory.js';

afterEach(cleanup);

const NOW_S = Math.floor(Date.now() / 1000) - 120;

function mount(adapter: FakeTmuxAdapter, size: { columns: number; rows: number }): RenderResult & { adapter: FakeTmuxAdapter } {
  const store = createOrchStore();
  const dispatcher = createDispatcher({ adapter, lockDir: os.tmpdir() });
  const r = render(
    <App store={store} adapter={adapter} intervalMs={50} onQuit={vi.fn()} dispatcher={dispatcher} defaultCwd="/tmp" />,
    size,
  );
  return Object.assign(r, { adapter });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Open the help and scroll to its end, as a person would: every frame seen on the way. */
async function readHelp(r: RenderResult): Promise<string[]> {
  await waitFor(() => expect(r.lastFrame()).toContain('1 worker'));
  r.stdin.write('?');
  await waitFor(() => expect(r.lastFrame()).toContain('orch-tui keys'));
  const frames = [r.lastFrame()];
  for (let i = 0; i < 10 && /lines \d+-(\d+) of (\d+)/.exec(r.lastFrame())?.slice(1).reduce((a, b) => String(Number(a) < Number(b))) === 'true'; i++) {
    const before = r.lastFrame();
    r.stdin.write(KEYS.pageDown);
    await waitFor(() => expect(r.lastFrame()).not.toBe(before));
    frames.push(r.lastFrame());
  }
  return frames;
}

function expectFits(frame: string, columns: number, rows: number): void {
  const lines = plainLines(frame);
  for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
  expect(lines.length).toBeLessThan(rows);
}

describe('the help screen, read at 80x24 and 200x50', () => {
  it('at 80x24: one column, scrolled through, every row once with its keys apart from its description', async () => {
    const r = mount(new FakeTmuxAdapter(makePanes(1, { windowActivity: NOW_S })), { columns: 80, rows: 24 });
    const frames = await readHelp(r);
    for (const frame of frames) expectFits(frame, 80, 24);
    const seen = frames.flatMap(plainLines);
    for (const line of helpLines()) {
      if (line.kind === 'title') continue;
      // Keys, at least two spaces, the description: never `n N Esc EnterNo`.
      expect(seen.some((l) => new RegExp(`^ ${escape(line.keys)} {2,}${escape(line.description)}`).test(l)), `${line.keys} ${line.description}`).toBe(true);
    }
  });

  it('at 200x50: two columns, no heading alone at the foot of the first, nothing listed twice', async () => {
    const r = mount(new FakeTmuxAdapter(makePanes(1, { windowActivity: NOW_S })), { columns: 200, rows: 50 });
    const [frame] = await readHelp(r);
    expectFits(frame!, 200, 50);
    const lines = plainLines(frame!);
    expect(lines.join('\n')).not.toMatch(/scroll: lines/);
    const titles = new Set(helpLines().filter((l) => l.kind === 'title').map((l) => (l.kind === 'title' ? l.text : '')));
    const left = lines.slice(1).map((l) => l.slice(0, 100).trim()).filter(Boolean);
    const right = lines.slice(1).map((l) => l.slice(100).trim()).filter(Boolean);
    expect(right.length).toBeGreaterThan(5);
    expect(titles.has(left.at(-1)!), `the first column ends with the heading "${left.at(-1)}"`).toBe(false);
    expect(titles.has(right.at(-1)!)).toBe(false);
    // Every row once: no two rows with the same keys and meaning, no description twice.
    const rows = [...left, ...right].filter((l) => !titles.has(l) && !l.endsWith('(continued)'));
    expect(new Set(rows).size).toBe(rows.length);
    const descriptions = helpLines().flatMap((l) => (l.kind === 'row' ? [l.description] : []));
    expect(new Set(descriptions).size).toBe(descriptions.length);
    for (const d of descriptions) expect(rows.filter((row) => row.endsWith(d)), d).toHaveLength(1);
  });

  it('splits columns evenly without leaving a heading at the foot of one', () => {
    const lines = helpLines();
    const [first, second] = splitColumns(lines);
    expect(first!.at(-1)!.kind).toBe('row');
    expect(second![0]!.kind).toBe('title');
    expect(Math.abs(first!.length - second!.length)).toBeLessThanOrEqual(8);
  });
});

describe('the footer and small terminals', () => {
  it('at 80x24 the footer ends with a whole key, keeps help and quit, and the error count shows in the header', async () => {
    const panes = ['frontend', 'backend', 'tests'].map((name, i) =>
      makePane({ paneId: `%${i + 1}`, sessionName: name, sessionId: `$${i + 1}`, currentCommand: 'node', windowActivity: NOW_S }));
    const output = { '%2': ['● Bash(go build ./...)', '  ⎿  auth/middleware.go:42:15: error: undefined: jwt.ParseWithClaimz', '  ⎿  FAIL\texample.com/app/auth [build failed]'] };
    const r = mount(new FakeTmuxAdapter(panes, output), { columns: 80, rows: 24 });
    await waitFor(() => expect(r.lastFrame()).toContain('3 workers'));
    await waitFor(() => expect(r.lastFrame()).toContain('✗2'));
    const lines = plainLines(r.lastFrame());
    const footer = lines.filter((l) => l.includes('│ ')).at(-1)!;
    const keys = footer.slice(footer.indexOf('│ ') + 2).split(/ {2}/).map((k) => k.trim()).filter(Boolean);
    const whole = footerEntries('grid').map((e) => `${e.key} ${e.label}`);
    for (const key of keys) expect(whole, `"${key}" is a whole key`).toContain(key);
    expect(keys).toContain('? help');
    expect(keys).toContain('q quit');
    expect(footer).not.toMatch(/…\s*$/);
    expect(lines.find((l) => l.includes('backend ·'))).toMatch(/backend · \S+ \w+.* · ✗2/);
  });

  it('at 40x10, t opens a text box that says what it is for', async () => {
    const r = mount(new FakeTmuxAdapter(makePanes(3, { windowActivity: NOW_S })), { columns: 40, rows: 10 });
    await waitFor(() => expect(r.lastFrame()).toContain('3 workers'));
    r.stdin.write('t');
    await waitFor(() => expect(r.lastFrame()).toContain('Task for w1'));
    r.stdin.write('make all');
    await waitFor(() => expect(r.lastFrame()).toContain('make all'));
    expectFits(r.lastFrame(), 40, 10);
  });

  it('at 40x10, the footer still offers help and quit, the status cut to make room', async () => {
    const r = mount(new FakeTmuxAdapter(makePanes(5, { windowActivity: NOW_S })), { columns: 40, rows: 10 });
    await waitFor(() => expect(r.lastFrame()).toContain('5 workers'));
    const footer = plainLines(r.lastFrame()).filter((l) => l.includes('│ ')).at(-1)!;
    expect(footer).toMatch(/^5 workers · .*│ \? help {2}q quit\s*$/);
    expectFits(r.lastFrame(), 40, 10);
  });

  it('at 40x10, + opens the new-worker form with its title and the focused field', async () => {
    const r = mount(new FakeTmuxAdapter(makePanes(1, { windowActivity: NOW_S })), { columns: 40, rows: 10 });
    await waitFor(() => expect(r.lastFrame()).toContain('1 worker'));
    r.stdin.write('+');
    await waitFor(() => expect(r.lastFrame()).toContain('New worker'));
    expect(r.lastFrame()).toContain('▶ Name');
    expectFits(r.lastFrame(), 40, 10);
  });
});

describe('keys that mean one thing', () => {
  const asking = () =>
    new FakeTmuxAdapter([makePane({ paneId: '%1', sessionName: 'deploy', currentCommand: 'sh', windowActivity: NOW_S })], {
      '%1': ['Deploying to production', 'Proceed? [y/N]'],
    });
  const answered = (adapter: FakeTmuxAdapter) => adapter.runs.filter((args) => args[0] === 'send-keys').map((args) => args.slice(3));

  it('n shows the question, and n again answers no (never "new worker", never y to confirm a no)', async () => {
    const r = mount(asking(), { columns: 100, rows: 24 });
    await waitFor(() => expect(r.lastFrame()).toContain('deploy asks: Proceed? [y/N]'));
    r.stdin.write('n');
    await waitFor(() => expect(r.lastFrame()).toContain('n answers n'));
    expect(r.lastFrame()).not.toContain('New worker');
    expect(answered(r.adapter)).toEqual([]);
    r.stdin.write('n');
    await waitFor(() => expect(answered(r.adapter)).toEqual([['n', 'Enter']]));
  });

  it('y shows the question; n then answers no; Esc leaves it unanswered', async () => {
    const r = mount(asking(), { columns: 100, rows: 24 });
    await waitFor(() => expect(r.lastFrame()).toContain('deploy asks'));
    r.stdin.write('y');
    await waitFor(() => expect(r.lastFrame()).toContain('y answers y'));
    r.stdin.write(KEYS.escape);
    await waitFor(() => expect(r.lastFrame()).not.toContain('y answers y'));
    r.stdin.write('y');
    await waitFor(() => expect(r.lastFrame()).toContain('y answers y'));
    r.stdin.write('n');
    await waitFor(() => expect(answered(r.adapter)).toEqual([['n', 'Enter']]));
  });

  it('g goes first to the most urgent worker (the strip\'s first line), then on to the next', async () => {
    const asking = (n: number) => makePane({ paneId: `%${n}`, sessionName: `w${n}`, sessionId: `$${n}`, currentCommand: 'sh', windowActivity: NOW_S });
    const adapter = new FakeTmuxAdapter([1, 2, 3, 4].map(asking), {
      '%1': ['$ '], '%2': ['Proceed? [y/N]'], '%3': ['Overwrite? [y/N]'], '%4': ['Delete? [y/N]'],
    });
    adapter.panes[0] = { ...adapter.panes[0]!, currentCommand: 'bash' };
    const r = mount(adapter, { columns: 160, rows: 40 });
    await waitFor(() => expect(r.lastFrame()).toContain('w4 asks'));
    const focused = () => /▶ (\w+) ·/.exec(plainLines(r.lastFrame()).join('\n'))?.[1];
    // Focus w3 by hand: it needs you, but w2 is first in the strip.
    r.stdin.write(KEYS.tab);
    r.stdin.write(KEYS.tab);
    await waitFor(() => expect(focused()).toBe('w3'));
    for (const next of ['w2', 'w3', 'w4', 'w2']) {
      r.stdin.write('g');
      await waitFor(() => expect(focused()).toBe(next));
    }
  });

  it('marks clear after a broadcast', async () => {
    const r = mount(new FakeTmuxAdapter(makePanes(3, { windowActivity: NOW_S })), { columns: 120, rows: 30 });
    await waitFor(() => expect(r.lastFrame()).toContain('3 workers'));
    r.stdin.write(' ');
    r.stdin.write(KEYS.tab);
    r.stdin.write(' ');
    await waitFor(() => expect(r.lastFrame()).toContain('2 marked'));
    r.stdin.write('b');
    await waitFor(() => expect(r.lastFrame()).toContain('Broadcast to w1, w2'));
    r.stdin.write('commit your work');
    r.stdin.write(KEYS.enter);
    await waitFor(() => expect(r.lastFrame()).not.toContain('Broadcast to'));
    expect(r.lastFrame()).not.toContain('marked');
    expect(r.lastFrame()).not.toContain('✚');
  });
});
