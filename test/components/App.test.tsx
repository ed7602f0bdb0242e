import os from 'node:os';
import { createDispatcher } from '../../src/dispatch/dispatcher.js';
import React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import stringWidth from 'string-width';
import { App } from '../../components/App.js';
import { createOrchStore, type OrchStore } from '../../src/store/orchStore.js';
import { NoServerError } from '../../src/tmux/tmuxErrors.js';
import { KEY_TABLE } from '../../src/ui/keyTable.js';
import { layoutGrid } from '../../src/ui/gridLayout.js';
import type { PaneInfo } from '../../src/tmux/paneFormat.js';
import { cleanup, frameWidth, KEYS, plainLines, render, waitFor, type RenderResult } from '../render.js';
import { FakeTmuxAdapter } from './fakeTmuxAdapter.js';
import { makePane, makePanes } from '../unit/paneFactory.js';

afterEach(cleanup);

const NOW_S = Math.floor(Date.now() / 1000) - 120;

function panes(count: number): PaneInfo[] {
  return makePanes(count, { windowActivity: NOW_S });
}

interface Mounted extends RenderResult {
  adapter: FakeTmuxAdapter;
  store: OrchStore;
  onQuit: ReturnType<typeof vi.fn>;
}

function mount(adapter: FakeTmuxAdapter, size = { columns: 120, rows: 30 }): Mounted {
  const store = createOrchStore();
  const onQuit = vi.fn();
  const dispatcher = createDispatcher({ adapter, lockDir: os.tmpdir() });
  const r = render(
    <App store={store} adapter={adapter} intervalMs={50} onQuit={onQuit} dispatcher={dispatcher} defaultCwd="/tmp" />,
    size,
  );
  return Object.assign(r, { adapter, store, onQuit });
}

/** The line of the frame holding the focus marker. */
function focusedLine(r: RenderResult): string {
  return plainLines(r.lastFrame()).find((line) => line.includes('▶')) ?? '';
}

async function focusOn(r: RenderResult, name: string): Promise<void> {
  await waitFor(() => expect(focusedLine(r)).toContain(`▶ ${name} `));
}

/** Every frame line fits the terminal, and the frame leaves its last row free. */
function expectFits(frame: string, columns: number, rows: number): void {
  const lines = plainLines(frame);
  for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
  expect(lines.length).toBeLessThan(rows);
}

describe('<App> grid', () => {
  it('shows each worker with its command, directory and latest output', async () => {
    const adapter = new FakeTmuxAdapter(
      [
        makePane({ paneId: '%1', sessionName: 'api', currentCommand: 'claude', currentPath: '/home/dev/api-server', windowActivity: NOW_S }),
        makePane({ paneId: '%2', sessionName: 'web', currentCommand: 'npm', currentPath: '/srv/frontend', windowActivity: NOW_S }),
      ],
      { '%1': ['compiling api', 'api ready on :8080'], '%2': ['webpack built in 2.1s'] },
    );
    const r = mount(adapter);
    await waitFor(() => expect(r.lastFrame()).toContain('api ready on :8080'));
    const frame = r.lastFrame();
    for (const text of ['api', 'claude', 'api-server', 'web', 'npm', 'frontend', 'webpack built in 2.1s', 'compiling api']) {
      expect(frame).toContain(text);
    }
    expect(frame).not.toContain('/home/dev/api-server');
    expect(frame).toContain('2 workers');
    expectFits(frame, 120, 30);
  });

  it('marks the focused worker, the first one at start', async () => {
    const r = mount(new FakeTmuxAdapter(panes(3)));
    await focusOn(r, 'w1');
    expect(plainLines(r.lastFrame()).filter((line) => line.includes('▶'))).toHaveLength(1);
  });

  it('moves focus with arrows, hjkl, Tab and Shift+Tab', async () => {
    const r = mount(new FakeTmuxAdapter(panes(4)));
    // 120x30 leaves 27 rows for the grid: three columns, w4 alone on the second row.
    const { columns } = layoutGrid(4, 120, 27);
    expect(columns).toBe(3);
    await focusOn(r, 'w1');
    r.stdin.write(KEYS.right);
    await focusOn(r, 'w2');
    r.stdin.write(KEYS.down);
    await focusOn(r, 'w4');
    r.stdin.write(KEYS.up);
    await focusOn(r, 'w1');
    r.stdin.write('l');
    await focusOn(r, 'w2');
    r.stdin.write('l');
    await focusOn(r, 'w3');
    r.stdin.write('j');
    await focusOn(r, 'w4');
    r.stdin.write('k');
    await focusOn(r, 'w1');
    r.stdin.write(KEYS.tab);
    await focusOn(r, 'w2');
    r.stdin.write('h');
    await focusOn(r, 'w1');
    r.stdin.write(KEYS.shiftTab);
    await focusOn(r, 'w4');
  });

  it('shows new output as the worker prints it', async () => {
    const adapter = new FakeTmuxAdapter(panes(1), { '%1': ['first line'] });
    const r = mount(adapter);
    await waitFor(() => expect(r.lastFrame()).toContain('first line'));
    adapter.setOutput('%1', ['first line', 'second line']);
    await waitFor(() => expect(r.lastFrame()).toContain('second line'));
  });

  it('q calls onQuit', async () => {
    const r = mount(new FakeTmuxAdapter(panes(1)));
    await focusOn(r, 'w1');
    r.stdin.write('q');
    await waitFor(() => expect(r.onQuit).toHaveBeenCalledTimes(1));
  });

  it('Ctrl+C calls onQuit', async () => {
    const r = mount(new FakeTmuxAdapter(panes(1)));
    await focusOn(r, 'w1');
    r.stdin.write(KEYS.ctrlC);
    await waitFor(() => expect(r.onQuit).toHaveBeenCalledTimes(1));
  });
});

describe('<App> zoom', () => {
  const history = Array.from({ length: 300 }, (_, i) => `history line ${String(i).padStart(3, '0')}`);

  it('z shows the focused worker with its scrollback; PgUp scrolls; z goes back', async () => {
    const adapter = new FakeTmuxAdapter(panes(2), { '%1': history, '%2': ['other worker'] });
    const r = mount(adapter);
    await waitFor(() => expect(r.lastFrame()).toContain('history line 299'));
    r.stdin.write('z');
    // The zoom view asks for the deep history and says how much it holds.
    await waitFor(() => expect(r.lastFrame()).toContain(' 300 lines'));
    const frame = r.lastFrame();
    expect(frame).toContain('▶ w1');
    expect(frame).not.toContain('other worker');
    expect(frame).toContain('history line 299');
    expect(frame).not.toContain('history line 200');
    expectFits(frame, 120, 30);
    expect(adapter.captures.flat().some((c) => c.paneId === '%1' && c.historyLines >= 2000)).toBe(true);

    r.stdin.write(KEYS.pageUp);
    await waitFor(() => expect(r.lastFrame()).toMatch(/↑\d+ of 300 lines/));
    expect(r.lastFrame()).not.toContain('history line 299');
    expect(r.lastFrame()).toContain('history line 260');

    r.stdin.write(KEYS.pageDown);
    await waitFor(() => expect(r.lastFrame()).toContain('history line 299'));

    r.stdin.write('z');
    await waitFor(() => expect(r.lastFrame()).toContain('other worker'));
  });

  it('Escape leaves the zoom view', async () => {
    const r = mount(new FakeTmuxAdapter(panes(2), { '%2': ['other worker'] }));
    await waitFor(() => expect(r.lastFrame()).toContain('other worker'));
    r.stdin.write(KEYS.enter);
    await waitFor(() => expect(r.lastFrame()).not.toContain('other worker'));
    r.stdin.write(KEYS.escape);
    await waitFor(() => expect(r.lastFrame()).toContain('other worker'));
  });
});

describe('<App> help', () => {
  it('? lists every key table description, and Escape closes it', async () => {
    const r = mount(new FakeTmuxAdapter(panes(2)));
    await focusOn(r, 'w1');
    r.stdin.write('?');
    await waitFor(() => expect(r.lastFrame()).toContain('orch-tui keys'));
    // Taller than the screen: scroll down through it, as a person would.
    let seen = r.lastFrame();
    expectFits(seen, 120, 30);
    for (let i = 0; i < 4; i++) {
      r.stdin.write('j');
      await waitFor(() => expect(r.lastFrame()).toMatch(/lines \d+-/));
      seen += r.lastFrame();
      expectFits(r.lastFrame(), 120, 30);
    }
    const missing = KEY_TABLE.filter((row) => !seen.includes(row.description)).map((row) => row.command);
    expect(missing).toEqual([]);
    r.stdin.write(KEYS.escape);
    await focusOn(r, 'w1');
    expect(r.lastFrame()).not.toContain('orch-tui keys');
  });

  it('q in help closes it instead of quitting', async () => {
    const r = mount(new FakeTmuxAdapter(panes(1)));
    await focusOn(r, 'w1');
    r.stdin.write('?');
    await waitFor(() => expect(r.lastFrame()).toContain('orch-tui keys'));
    r.stdin.write('q');
    await focusOn(r, 'w1');
    expect(r.onQuit).not.toHaveBeenCalled();
  });
});

describe('<App> empty and failing servers', () => {
  it('says there are no workers yet and how to start one', async () => {
    const r = mount(new FakeTmuxAdapter([]));
    await waitFor(() => expect(r.lastFrame()).toContain('No workers on socket -L orch-fake yet.'));
    expect(r.lastFrame()).toContain('tmux -L orch-fake new-session');
    expect(r.lastFrame()).toContain('0 workers');
  });

  it('shows a NoServerError as its sentence and keeps polling until workers appear', async () => {
    const adapter = new FakeTmuxAdapter(panes(1), { '%1': ['back online'] });
    adapter.failWith = new NoServerError('No tmux server is running on socket -L orch-fake.', {
      command: 'tmux',
      args: ['list-panes'],
      exitCode: 1,
      stderr: 'no server running on /tmp/tmux-0/orch-fake',
    });
    const r = mount(adapter);
    await waitFor(() => expect(r.lastFrame()).toContain('No tmux server is running on socket -L orch-fake.'));
    expect(r.lastFrame()).toContain('tmux unavailable');
    adapter.failWith = undefined;
    await waitFor(() => expect(r.lastFrame()).toContain('back online'));
    expect(r.lastFrame()).not.toContain('tmux unavailable');
  });
});

describe('<App> terminal size', () => {
  it('says the terminal is too small, on one line', async () => {
    const r = mount(new FakeTmuxAdapter(panes(2)), { columns: 30, rows: 8 });
    await waitFor(() => expect(r.lastFrame()).toContain('Terminal too small'));
    expect(plainLines(r.lastFrame()).filter((line) => line.trim() !== '')).toHaveLength(1);
    expect(frameWidth(r.lastFrame())).toBeLessThanOrEqual(30);
  });

  it('re-flows when the terminal shrinks from 120x30 to 80x24', async () => {
    const long = 'x'.repeat(150);
    const r = mount(new FakeTmuxAdapter(panes(4), { '%1': [long, 'tail of w1'], '%4': ['tail of w4'] }));
    await waitFor(() => expect(r.lastFrame()).toContain('tail of w4'));
    expectFits(r.lastFrame(), 120, 30);
    expect(frameWidth(r.lastFrame())).toBe(120);

    const before = r.frames.length;
    r.resize(80, 24);
    await waitFor(() => expect(frameWidth(r.lastFrame())).toBe(80));
    expectFits(r.lastFrame(), 80, 24);
    expect(r.lastFrame()).toContain('tail of w1');
    expect(r.lastFrame()).toContain('tail of w4');
    // Ink itself repaints once with the old layout before React sees the new
    // size; from the first re-flowed frame on, nothing may exceed the terminal.
    const after = r.frames.slice(before);
    const reflowed = after.slice(after.findIndex((frame) => frameWidth(frame) === 80));
    const tooBig = reflowed.filter((frame) => frameWidth(frame) > 80 || plainLines(frame).length >= 24);
    expect(tooBig).toHaveLength(0);

    r.resize(120, 30);
    await waitFor(() => expect(frameWidth(r.lastFrame())).toBe(120));
    expectFits(r.lastFrame(), 120, 30);
  });

  it('pages 50 workers and says how many more there are', async () => {
    const r = mount(new FakeTmuxAdapter(panes(50)));
    const layout = layoutGrid(50, 120, 28);
    expect(layout.pages).toBeGreaterThan(1);
    await waitFor(() => expect(r.lastFrame()).toContain(`page 1/${layout.pages}`));
    expect(r.lastFrame()).toContain(`${50 - layout.perPage} more`);
    expect(r.lastFrame()).toContain('50 workers');
    expect(r.lastFrame()).toContain('▶ w01');
    expect(r.lastFrame()).not.toContain(`w${String(layout.perPage + 1).padStart(2, '0')} `);
    expectFits(r.lastFrame(), 120, 30);

    r.stdin.write(KEYS.pageDown);
    await waitFor(() => expect(r.lastFrame()).toContain(`page 2/${layout.pages}`));
    expect(focusedLine(r)).toContain(`▶ w${String(layout.perPage + 1).padStart(2, '0')}`);
    expectFits(r.lastFrame(), 120, 30);

    r.stdin.write(']');
    await waitFor(() => expect(r.lastFrame()).toContain(`page 3/${layout.pages}`));
    r.stdin.write('[');
    await waitFor(() => expect(r.lastFrame()).toContain(`page 2/${layout.pages}`));
  });

  it('keeps coloured, wide and long output inside each pane box', async () => {
    const coloured = [
      '\u001b[31merror:\u001b[0m ' + 'e'.repeat(200),
      '\u001b[1;32m✔ passed\u001b[0m 日本語のテキスト'.repeat(12),
      '\u001b[44m' + '🎉'.repeat(90) + '\u001b[0m',
      '\ttabbed\tline\twith\ttabs'.repeat(10),
    ];
    const r = mount(new FakeTmuxAdapter(panes(1), { '%1': coloured }));
    await waitFor(() => expect(r.lastFrame()).toContain('error:'));
    await waitFor(() => expect(r.lastFrame()).toContain('tabbed'));
    const lines = plainLines(r.lastFrame());
    expectFits(r.lastFrame(), 120, 30);
    // One focused pane: a double border, every inner row closed at column 120.
    const top = lines.findIndex((line) => line.startsWith('╔'));
    const bottom = lines.findIndex((line) => line.startsWith('╚'));
    expect(top).toBe(0);
    expect(bottom).toBeGreaterThan(top);
    for (const line of lines.slice(top, bottom + 1)) {
      expect(stringWidth(line), line).toBe(120);
      expect(line.at(-1), line).toMatch(/[╗║╝]/);
    }
  });
});
