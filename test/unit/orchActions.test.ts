import { describe, expect, it } from 'vitest';
import {
  applySnapshot,
  focusWorker,
  markServerUnavailable,
  moveFocus,
  recordError,
  scrollZoom,
  setView,
  toggleZoom,
  type Direction,
} from '../../src/store/orchActions.js';
import { initialState, MAX_ERRORS, MAX_OUTPUT_LINES, type OrchState } from '../../src/store/orchState.js';
import type { WorkerSnapshot } from '../../src/store/workerSnapshot.js';
import type { PaneInfo } from '../../src/tmux/paneFormat.js';
import { makePane, makePanes } from './paneFactory.js';

const AT = 1_700_000_100_000;

function snapshot(panes: PaneInfo[], captures: Record<string, string[]> = {}, paneErrors: Record<string, string> = {}, at = AT): WorkerSnapshot {
  return { at, panes, captures: new Map(Object.entries(captures)), paneErrors: new Map(Object.entries(paneErrors)) };
}

/** A state holding `count` workers w1.. with ids %1.., focus on `focus`. */
function withWorkers(count: number, focus = '%1', extra: Partial<OrchState> = {}): OrchState {
  const state = applySnapshot(initialState(), snapshot(makePanes(count)), 'control');
  return { ...state, focusId: focus, ...extra };
}

describe('applySnapshot', () => {
  it('adds workers with their output, in order, and focuses the first', () => {
    const panes = [makePane({ paneId: '%1', sessionName: 'api' }), makePane({ paneId: '%2', sessionName: 'web', currentCommand: 'vim' })];
    const state = applySnapshot(initialState(), snapshot(panes, { '%1': ['hello'], '%2': ['world'] }), 'control');
    expect(state.order).toEqual(['%1', '%2']);
    expect(state.workers['%2']).toMatchObject({ id: '%2', name: 'web', command: 'vim', cwd: '/home/dev/web', managed: false });
    expect(state.output).toEqual({ '%1': ['hello'], '%2': ['world'] });
    expect(state.focusId).toBe('%1');
    expect(state.server).toEqual({ kind: 'ok', channel: 'control' });
    expect(state.updatedAt).toBe(AT);
  });

  it("takes a worker's context and cost from its decision, and keeps the same worker while they read the same", () => {
    const pane = makePane({ paneId: '%1', sessionName: 'api', currentCommand: 'claude' });
    const decided = (percent: number) => ({
      kind: 'claude' as const, session: undefined, live: true,
      decision: { state: 'idle' as const, reason: 'finished its turn', evidence: 'hook Stop', source: 'hooks' as const },
      report: { events: [], context: { tokens: percent * 10_000, window: 1_000_000, percent, source: 'statusline' as const }, costUsd: 0.5 },
    });
    const first = applySnapshot(initialState(), { ...snapshot([pane]), states: new Map([['%1', decided(15)]]) }, 'control');
    expect(first.workers['%1']).toMatchObject({ context: { percent: 15, window: 1_000_000 }, costUsd: 0.5, stateSource: 'hooks' });
    const again = applySnapshot(first, { ...snapshot([pane]), states: new Map([['%1', decided(15)]]) }, 'control');
    expect(again.workers['%1']).toBe(first.workers['%1']);
    const fuller = applySnapshot(again, { ...snapshot([pane]), states: new Map([['%1', decided(16)]]) }, 'control');
    expect(fuller.workers['%1']!.context?.percent).toBe(16);
  });

  it('names panes of a shared session session:window.pane', () => {
    const panes = [
      makePane({ paneId: '%1', sessionName: 'api', sessionPanes: 2, windowIndex: 0, paneIndex: 0 }),
      makePane({ paneId: '%2', sessionName: 'api', sessionPanes: 2, windowIndex: 0, paneIndex: 1 }),
    ];
    const state = applySnapshot(initialState(), snapshot(panes), 'control');
    expect(state.order.map((id) => state.workers[id]!.name)).toEqual(['api:0.0', 'api:0.1']);
  });

  it('returns the same object when nothing changed', () => {
    const panes = makePanes(3);
    const first = applySnapshot(initialState(), snapshot(panes, { '%1': ['a'] }), 'control');
    // A later tick with equal panes and no fresh captures.
    const again = applySnapshot(first, snapshot(makePanes(3), {}, {}, AT + 500), 'control');
    expect(again).toBe(first);
    // Same output captured again is still no change.
    expect(applySnapshot(first, snapshot(makePanes(3), { '%1': ['a'] }, {}, AT + 900), 'control')).toBe(first);
  });

  it('keeps unchanged workers and output arrays by identity when another changes', () => {
    const first = applySnapshot(initialState(), snapshot(makePanes(2), { '%1': ['a'], '%2': ['b'] }), 'control');
    const next = applySnapshot(first, snapshot(makePanes(2), { '%2': ['b', 'c'] }, {}, AT + 1000), 'control');
    expect(next).not.toBe(first);
    expect(next.workers['%1']).toBe(first.workers['%1']);
    expect(next.output['%1']).toBe(first.output['%1']);
    expect(next.output['%2']).toEqual(['b', 'c']);
    expect(next.workers['%2']!.lastOutputAt).toBe(AT + 1000);
  });

  it('keeps output that was not captured this tick', () => {
    const first = applySnapshot(initialState(), snapshot(makePanes(1), { '%1': ['kept'] }), 'control');
    const next = applySnapshot(first, snapshot(makePanes(1, { title: 'renamed' }), {}, {}, AT + 1000), 'control');
    expect(next.output['%1']).toEqual(['kept']);
    expect(next.workers['%1']!.title).toBe('renamed');
  });

  it(`keeps at most MAX_OUTPUT_LINES (${MAX_OUTPUT_LINES}) lines, the newest`, () => {
    const lines = Array.from({ length: MAX_OUTPUT_LINES + 500 }, (_, i) => `l${i}`);
    const state = applySnapshot(initialState(), snapshot(makePanes(1), { '%1': lines }), 'control');
    expect(state.output['%1']).toHaveLength(MAX_OUTPUT_LINES);
    expect(state.output['%1']!.at(-1)).toBe(`l${MAX_OUTPUT_LINES + 499}`);
    expect(state.output['%1']![0]).toBe('l500');
  });

  it('drops workers that are gone, with their output', () => {
    const first = applySnapshot(initialState(), snapshot(makePanes(3), { '%2': ['x'] }), 'control');
    const next = applySnapshot(first, snapshot(makePanes(3).filter((p) => p.paneId !== '%2')), 'control');
    expect(next.order).toEqual(['%1', '%3']);
    expect(next.workers['%2']).toBeUndefined();
    expect(next.output['%2']).toBeUndefined();
  });

  it('keeps focus on a worker that is still there', () => {
    const state = { ...applySnapshot(initialState(), snapshot(makePanes(3)), 'control'), focusId: '%3' };
    expect(applySnapshot(state, snapshot(makePanes(4)), 'control').focusId).toBe('%3');
  });

  it('moves focus to the first worker when the focused one disappears', () => {
    const state = { ...applySnapshot(initialState(), snapshot(makePanes(3)), 'control'), focusId: '%2' };
    const next = applySnapshot(state, snapshot(makePanes(3).filter((p) => p.paneId !== '%2')), 'control');
    expect(next.focusId).toBe('%1');
  });

  it('drops from zoom to the grid when no workers are left', () => {
    const zoomed = { ...applySnapshot(initialState(), snapshot(makePanes(2)), 'control'), view: 'zoom' as const };
    const next = applySnapshot(zoomed, snapshot([]), 'control');
    expect(next.order).toEqual([]);
    expect(next.focusId).toBeUndefined();
    expect(next.view).toBe('grid');
  });

  it('stays in help when no workers are left', () => {
    const help = { ...applySnapshot(initialState(), snapshot(makePanes(2)), 'control'), view: 'help' as const };
    expect(applySnapshot(help, snapshot([]), 'control').view).toBe('help');
  });

  it('records pane capture failures as errors, by worker name', () => {
    const state = applySnapshot(initialState(), snapshot(makePanes(2), {}, { '%2': 'The tmux target is gone.' }), 'control');
    expect(state.errors).toEqual([{ at: AT, message: 'w2: The tmux target is gone.' }]);
  });

  it('marks the server ok again after it was unavailable, and notes a channel change', () => {
    const first = applySnapshot(initialState(), snapshot(makePanes(1)), 'control');
    const down = markServerUnavailable(first, 'No tmux server is running on socket -L x.');
    const up = applySnapshot(down, snapshot(makePanes(1)), 'control');
    expect(up.server).toEqual({ kind: 'ok', channel: 'control' });
    expect(applySnapshot(up, snapshot(makePanes(1)), 'process').server).toEqual({ kind: 'ok', channel: 'process' });
  });
});

describe('markServerUnavailable', () => {
  it('sets the message, and is a no-op for the same message', () => {
    const state = markServerUnavailable(initialState(), 'No tmux server is running on the default tmux server.');
    expect(state.server).toEqual({ kind: 'unavailable', message: 'No tmux server is running on the default tmux server.' });
    expect(markServerUnavailable(state, 'No tmux server is running on the default tmux server.')).toBe(state);
    expect(markServerUnavailable(state, 'other').server).toEqual({ kind: 'unavailable', message: 'other' });
  });
});

describe('recordError', () => {
  it('appends, skips an immediate repeat, and keeps the last MAX_ERRORS', () => {
    let state = recordError(initialState(), 'one', 1);
    expect(recordError(state, 'one', 2)).toBe(state);
    for (let i = 0; i < MAX_ERRORS + 5; i++) state = recordError(state, `e${i}`, i);
    expect(state.errors).toHaveLength(MAX_ERRORS);
    expect(state.errors.at(-1)).toEqual({ at: MAX_ERRORS + 4, message: `e${MAX_ERRORS + 4}` });
    expect(state.errors[0]!.message).toBe('e5');
  });
});

describe('moveFocus', () => {
  // 7 workers in 3 columns:   %1 %2 %3
  //                           %4 %5 %6
  //                           %7
  const grid = (focus: string) => withWorkers(7, focus);
  const move = (focus: string, direction: Direction) => moveFocus(grid(focus), direction, 3).focusId;

  it.each<[string, Direction, string]>([
    ['%1', 'right', '%2'],
    ['%2', 'left', '%1'],
    ['%3', 'right', '%3'],
    ['%4', 'left', '%4'],
    ['%2', 'down', '%5'],
    ['%5', 'up', '%2'],
    ['%4', 'down', '%7'],
    ['%7', 'up', '%4'],
    ['%7', 'down', '%7'],
    ['%7', 'right', '%7'],
    ['%1', 'up', '%1'],
    ['%3', 'next', '%4'],
    ['%7', 'next', '%1'],
    ['%1', 'previous', '%7'],
  ])('from %s, %s goes to %s', (from, direction, to) => {
    expect(move(from, direction)).toBe(to);
  });

  it('lands on the short last row when moving down past it', () => {
    expect(move('%5', 'down')).toBe('%7');
    expect(move('%6', 'down')).toBe('%7');
  });

  it('stays on the top row when moving up from it', () => {
    expect(move('%2', 'up')).toBe('%2');
    expect(move('%3', 'up')).toBe('%3');
  });

  it('returns the same state when focus does not move, and for no workers', () => {
    const state = grid('%3');
    expect(moveFocus(state, 'right', 3)).toBe(state);
    const empty = initialState();
    expect(moveFocus(empty, 'down', 3)).toBe(empty);
  });

  it('starts from the first worker when nothing is focused', () => {
    expect(moveFocus(withWorkers(3, '%1', { focusId: undefined }), 'right', 3).focusId).toBe('%2');
  });

  it('treats columns below 1 as one column', () => {
    expect(moveFocus(grid('%1'), 'down', 0).focusId).toBe('%2');
  });
});

describe('focusWorker, setView, toggleZoom', () => {
  it('focuses a known worker only', () => {
    const state = withWorkers(3);
    expect(focusWorker(state, '%2').focusId).toBe('%2');
    expect(focusWorker(state, '%9')).toBe(state);
    expect(focusWorker(state, '%1')).toBe(state);
  });

  it('zooms the focused worker and back, resetting the scroll', () => {
    const state = withWorkers(2, '%1', { zoomScroll: 0 });
    const zoomed = toggleZoom(state);
    expect(zoomed.view).toBe('zoom');
    const scrolled = { ...zoomed, zoomScroll: 5 };
    const back = toggleZoom(scrolled);
    expect(back.view).toBe('grid');
    expect(back.zoomScroll).toBe(0);
  });

  it('cannot zoom with nothing focused', () => {
    const empty = initialState();
    expect(toggleZoom(empty)).toBe(empty);
    expect(setView(empty, 'zoom')).toBe(empty);
    expect(setView(empty, 'help').view).toBe('help');
  });

  it('is a no-op for the current view', () => {
    const state = withWorkers(1);
    expect(setView(state, 'grid')).toBe(state);
  });
});

describe('scrollZoom', () => {
  const zoomedWith = (lines: number, zoomScroll = 0) =>
    withWorkers(1, '%1', {
      view: 'zoom',
      zoomScroll,
      output: { '%1': Array.from({ length: lines }, (_, i) => `l${i}`) },
    });

  it('scrolls up into history and back down', () => {
    expect(scrollZoom(zoomedWith(100), 10, 20).zoomScroll).toBe(10);
    expect(scrollZoom(zoomedWith(100, 10), -4, 20).zoomScroll).toBe(6);
  });

  it('clamps at the top of the history and at the bottom', () => {
    expect(scrollZoom(zoomedWith(100, 70), 50, 20).zoomScroll).toBe(80);
    expect(scrollZoom(zoomedWith(100, 3), -50, 20).zoomScroll).toBe(0);
  });

  it('does not scroll output that fits, and keeps the same state', () => {
    const state = zoomedWith(10);
    expect(scrollZoom(state, 5, 20)).toBe(state);
    const noFocus = { ...state, focusId: undefined };
    expect(scrollZoom(noFocus, 5, 20)).toBe(noFocus);
  });
});
