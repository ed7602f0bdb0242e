import { describe, expect, it } from 'vitest';
import { applyCommand, type CommandContext } from '../../src/ui/applyCommand.js';
import { applySnapshot } from '../../src/store/orchActions.js';
import { initialState, type OrchState } from '../../src/store/orchState.js';
import { KEY_TABLE } from '../../src/ui/keyTable.js';
import { makePanes } from './paneFactory.js';

const ctx: CommandContext = { columns: 2, perPage: 4, zoomRows: 10 };

function workers(count: number, focusId = '%1', extra: Partial<OrchState> = {}): OrchState {
  const state = applySnapshot(
    initialState(),
    { at: 1, panes: makePanes(count), captures: new Map(), paneErrors: new Map() },
    'control',
  );
  return { ...state, focusId, ...extra };
}

describe('applyCommand', () => {
  it('moves focus in the grid by the layout columns', () => {
    const state = workers(6);
    expect(applyCommand(state, 'focus-right', ctx).focusId).toBe('%2');
    expect(applyCommand(state, 'focus-down', ctx).focusId).toBe('%3');
    expect(applyCommand(workers(6, '%4'), 'focus-up', ctx).focusId).toBe('%2');
    expect(applyCommand(workers(6, '%4'), 'focus-left', ctx).focusId).toBe('%3');
    expect(applyCommand(state, 'focus-next', ctx).focusId).toBe('%2');
    expect(applyCommand(state, 'focus-previous', ctx).focusId).toBe('%6');
  });

  it('resets the zoom scroll when Tab changes the zoomed worker', () => {
    const state = workers(3, '%1', { view: 'zoom', zoomScroll: 7 });
    expect(applyCommand(state, 'focus-next', ctx)).toMatchObject({ focusId: '%2', zoomScroll: 0, view: 'zoom' });
  });

  it('returns the same state when Tab has nowhere to go', () => {
    const one = workers(1);
    expect(applyCommand(one, 'focus-next', ctx)).toBe(one);
    const none = initialState();
    expect(applyCommand(none, 'focus-previous', ctx)).toBe(none);
  });

  it('zooms and unzooms', () => {
    const zoomed = applyCommand(workers(2), 'zoom', ctx);
    expect(zoomed.view).toBe('zoom');
    expect(applyCommand(zoomed, 'unzoom', ctx).view).toBe('grid');
  });

  it('scrolls the zoom view by a screen less one line, clamped', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `l${i}`);
    const state = workers(1, '%1', { view: 'zoom', output: { '%1': lines } });
    const up = applyCommand(state, 'scroll-up', ctx);
    expect(up.zoomScroll).toBe(9);
    expect(applyCommand(applyCommand(up, 'scroll-up', ctx), 'scroll-up', ctx).zoomScroll).toBe(20);
    expect(applyCommand(up, 'scroll-down', ctx).zoomScroll).toBe(0);
  });

  it('pages forward and back, focusing the first worker of the page', () => {
    const state = workers(10, '%2');
    const next = applyCommand(state, 'page-next', ctx);
    expect(next.focusId).toBe('%5');
    expect(applyCommand(next, 'page-next', ctx).focusId).toBe('%9');
    expect(applyCommand(next, 'page-previous', ctx).focusId).toBe('%1');
  });

  it('goes no further than the first and last worker when paging past either end', () => {
    const first = workers(10, '%2');
    expect(applyCommand(first, 'page-previous', ctx).focusId).toBe('%1');
    const last = workers(10, '%10');
    expect(applyCommand(last, 'page-next', ctx)).toBe(last);
    expect(applyCommand(workers(3), 'page-next', ctx).focusId).toBe('%3');
  });

  it('opens and closes help; quit changes nothing', () => {
    const state = workers(2);
    const help = applyCommand(state, 'help', ctx);
    expect(help.view).toBe('help');
    expect(applyCommand(help, 'close-help', ctx).view).toBe('grid');
    expect(applyCommand(state, 'quit', ctx)).toBe(state);
  });

  it('handles every command in the key table', () => {
    const state = workers(5, '%3');
    for (const row of KEY_TABLE) {
      expect(() => applyCommand(state, row.command, ctx), row.command).not.toThrow();
      expect(applyCommand(state, row.command, ctx), row.command).toHaveProperty('order');
    }
  });
});
