import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { StoreProvider } from '../../components/StoreContext.js';
import { WorkerPane } from '../../components/WorkerPane.js';
import { Footer } from '../../components/Footer.js';
import { HelpView } from '../../components/HelpView.js';
import { TooSmall } from '../../components/TooSmall.js';
import { createOrchStore } from '../../src/store/orchStore.js';
import { applySnapshot } from '../../src/store/orchActions.js';
import { initialState, type OrchState } from '../../src/store/orchState.js';
import { footerEntries, KEY_TABLE } from '../../src/ui/keyTable.js';
import type { PaneInfo } from '../../src/tmux/paneFormat.js';
import { cleanup, frameWidth, plainLines, render } from '../render.js';
import { makePane } from '../unit/paneFactory.js';

afterEach(cleanup);

const AT = 1_700_000_000_000;

function stateWith(pane: PaneInfo, lines: string[]): OrchState {
  return applySnapshot(
    initialState(),
    { at: AT, panes: [pane], captures: new Map([[pane.paneId, lines]]), paneErrors: new Map() },
    'control',
  );
}

function renderPane(state: OrchState, props: { width: number; height: number; focused: boolean; now?: number }) {
  const store = createOrchStore(state);
  return render(
    <StoreProvider store={store}>
      <WorkerPane workerId="%1" width={props.width} height={props.height} focused={props.focused} now={props.now ?? AT + 5000} />
    </StoreProvider>,
    { columns: 100, rows: 30 },
  );
}

describe('<WorkerPane>', () => {
  const lines = Array.from({ length: 40 }, (_, i) => `output ${i}`);
  const pane = makePane({ paneId: '%1', sessionName: 'api', currentCommand: 'claude', currentPath: '/work/api' });

  it('draws a box of exactly its size with the header and the newest lines', () => {
    const r = renderPane(stateWith(pane, lines), { width: 40, height: 8, focused: false });
    const frame = plainLines(r.lastFrame());
    expect(frame).toHaveLength(8);
    for (const line of frame) expect(stringWidth(line)).toBe(40);
    expect(frame[0]!.startsWith('╭')).toBe(true);
    // Five seconds in its state: the grid's clock (10 s steps) shows no time yet, not "0s".
    expect(frame[1]).toMatch(/api · ● unknown · claude · api *│$/);
    expect(frame[1]).not.toContain('▶');
    // 8 rows: 2 border, 1 header, 5 of output, the newest.
    expect(frame.slice(2, 7).map((line) => line.slice(1, -1).trim())).toEqual([
      'output 35',
      'output 36',
      'output 37',
      'output 38',
      'output 39',
    ]);
  });

  it('marks a focused pane with ▶ and a double border', () => {
    const r = renderPane(stateWith(pane, lines), { width: 40, height: 8, focused: true });
    const frame = plainLines(r.lastFrame());
    expect(frame[0]!.startsWith('╔')).toBe(true);
    expect(frame[1]).toContain('▶ api');
  });

  it('says how long the worker has been in its state, in the grid clock\'s steps, and shows one time only', () => {
    const at = (ms: number) => plainLines(renderPane(stateWith(pane, lines), { width: 60, height: 6, focused: false, now: AT + ms }).lastFrame())[1]!;
    expect(at(9_000)).toMatch(/api · ● unknown · claude/);
    expect(at(25_000)).toMatch(/api · ● unknown for 20s · claude · api *│$/);
    expect(at(3 * 60_000)).toMatch(/● unknown for 3m · claude · api *│$/);
  });

  it('shows a dead worker, its exit status, and what it ran where (not tmux\'s "/" and last process)', () => {
    const dead = makePane({
      paneId: '%1', sessionName: 'api', dead: true, deadStatus: 137,
      currentCommand: 'echo', currentPath: '', startCommand: 'env -u CLAUDE_CONFIG_DIR claude --model opus', startPath: '/work/api-server',
    });
    const r = renderPane(stateWith(dead, ['Killed']), { width: 60, height: 6, focused: false });
    expect(plainLines(r.lastFrame())[1]).toMatch(/api · ● exited 137 · claude · api-server *│$/);
  });

  it('counts the errors its screen shows now, not those scrolled away, and says what the number is', () => {
    const failed = ['$ make', 'src/a.c:3:5: error: x undeclared', 'make: *** [all] Error 1'];
    const passing = ['$ vi src/a.c', '$ make', 'cc -o app a.c', '$ ./app', 'ok'];
    const small = makePane({ paneId: '%1', sessionName: 'api', currentCommand: 'bash', currentPath: '/work/api', height: 5 });
    const now = renderPane(stateWith(small, failed), { width: 100, height: 6, focused: false });
    expect(plainLines(now.lastFrame())[1]).toMatch(/api · ● unknown · ✗2 · bash · api · make: \*\*\* \[all\] Error 1/);
    // The failure scrolled above a 5-row screen: its lines are history, not what the worker shows.
    const later = renderPane(stateWith(small, [...failed, ...passing]), { width: 100, height: 6, focused: false });
    expect(plainLines(later.lastFrame())[1]).not.toContain('✗');
  });

  it('shows how full the context is after the state, and nothing when unknown (colours: contextMeter.test)', () => {
    const withContext = (context: OrchState['workers'][string]['context']) => {
      const state = stateWith(pane, lines);
      return { ...state, workers: { '%1': { ...state.workers['%1']!, context } } };
    };
    const header = (context: OrchState['workers'][string]['context']) =>
      plainLines(renderPane(withContext(context), { width: 80, height: 6, focused: false }).lastFrame())[1]!;
    expect(header({ tokens: 150_000, window: 1_000_000, percent: 15, source: 'statusline' })).toMatch(/api · ● unknown · ctx 15% · claude/);
    expect(header({ tokens: 170_000, window: 200_000, percent: 85, source: 'transcript' })).toContain('ctx 85%');
    expect(header({ tokens: 150_000, source: 'transcript' })).toMatch(/unknown · ctx 150k · claude/);
    expect(header(undefined)).not.toContain('ctx');
  });

  it('cuts wide, coloured lines to the box', () => {
    const wide = ['\u001b[35m' + '漢字'.repeat(40) + '\u001b[0m', '🎉'.repeat(40), 'plain ' + 'y'.repeat(80)];
    const r = renderPane(stateWith(pane, wide), { width: 31, height: 6, focused: false });
    const frame = plainLines(r.lastFrame());
    expect(frame).toHaveLength(6);
    for (const line of frame) {
      expect(stringWidth(line), line).toBe(31);
      expect(line.at(-1), line).toMatch(/[╮│╯]/);
    }
  });

  it('draws nothing for a worker that is gone', () => {
    const r = renderPane(initialState(), { width: 40, height: 6, focused: false });
    expect(r.lastFrame().trim()).toBe('');
  });
});

describe('<Footer>', () => {
  it('shows the status first, then the view keys from the key table', () => {
    const r = render(<Footer view="grid" width={120} status="3 workers" />, { columns: 120, rows: 5 });
    const line = plainLines(r.lastFrame())[0]!;
    for (const { key, label } of footerEntries('grid')) expect(line).toContain(`${key} ${label}`);
    expect(line.startsWith('3 workers')).toBe(true);
  });

  it('changes with the view', () => {
    const r = render(<Footer view="zoom" width={100} status="" />, { columns: 100, rows: 5 });
    expect(r.lastFrame()).toContain('z back');
    expect(r.lastFrame()).toContain('PgUp scroll');
    expect(r.lastFrame()).not.toContain('z zoom');
  });

  it('shows the latest error after the status', () => {
    const r = render(<Footer view="grid" width={120} status="1 worker" error="w1: The tmux target is gone." />, {
      columns: 120,
      rows: 5,
    });
    expect(plainLines(r.lastFrame())[0]).toMatch(/^1 worker {2}w1: The tmux target is gone\. {2}│ /);
  });

  it('stays one line within its width however long the status', () => {
    const r = render(<Footer view="grid" width={50} status={'s'.repeat(200)} error={'e'.repeat(100)} />, {
      columns: 80,
      rows: 5,
    });
    expect(plainLines(r.lastFrame())).toHaveLength(1);
    expect(frameWidth(r.lastFrame())).toBeLessThanOrEqual(50);
  });
});

describe('<HelpView>', () => {
  it('fits 80x22 and, scrolled through, shows the keys of each command', () => {
    let seen = '';
    for (let scroll = 0; scroll <= 80; scroll += 10) {
      const r = render(<HelpView width={80} height={22} scroll={scroll} />, { columns: 80, rows: 24 });
      const frame = r.lastFrame();
      expect(plainLines(frame).length).toBeLessThanOrEqual(22);
      expect(frameWidth(frame)).toBeLessThanOrEqual(80);
      seen += frame;
      r.unmount();
    }
    expect(seen).toContain('PgUp');
    expect(seen).toContain('S-Tab');
    for (const row of KEY_TABLE) expect(seen).toContain(row.description.slice(0, 30));
  });
});

describe('<TooSmall>', () => {
  it('names the size it has and the size it needs', () => {
    const r = render(<TooSmall columns={35} rows={9} />, { columns: 80, rows: 24 });
    expect(r.lastFrame()).toContain('Terminal too small (35x9); orch-tui needs 40x10.');
  });

  it('in a terminal narrower than its sentence, wraps it and cuts none of it', () => {
    const r = render(<TooSmall columns={30} rows={6} />, { columns: 30, rows: 6 });
    const lines = plainLines(r.lastFrame());
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(30);
    expect(lines.map((l) => l.trim()).join(' ')).toBe('Terminal too small (30x6); orch-tui needs 40x10.');
  });
});
