import { describe, expect, it } from 'vitest';
import { applySnapshot } from '../../src/store/orchActions.js';
import { initialState } from '../../src/store/orchState.js';
import { DEFAULT_ERROR_PATTERNS } from '../../src/state/errorWatch.js';
import { makePane } from './paneFactory.js';

function errorsWith(patterns: readonly RegExp[], lines: string[]) {
  const pane = makePane({ paneId: '%1' });
  const state = applySnapshot(
    initialState({ errorPatterns: patterns }),
    { at: 1, panes: [pane], captures: new Map([['%1', lines]]), paneErrors: new Map() },
    'control',
  );
  return state.workers['%1']!;
}

describe('configurable error patterns', () => {
  const lines = ['building', 'BOOM: the deploy script exploded', 'error: cannot find module x'];

  it('counts the default patterns', () => {
    expect(errorsWith(DEFAULT_ERROR_PATTERNS, lines)).toMatchObject({ errorCount: 1, latestError: 'error: cannot find module x' });
  });

  it('counts an added pattern, and the latest match is shown', () => {
    const worker = errorsWith([...DEFAULT_ERROR_PATTERNS, /^BOOM:/], lines);
    expect(worker.errorCount).toBe(2);
    expect(worker.latestError).toBe('error: cannot find module x');
    expect(errorsWith([/^BOOM:/], lines)).toMatchObject({ errorCount: 1, latestError: 'BOOM: the deploy script exploded' });
  });
});
