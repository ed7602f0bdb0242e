import { describe, expect, it } from 'vitest';
import { watchPlan } from '../../src/feed/watchPlan.js';
import { makePane } from './paneFactory.js';

describe('watchPlan', () => {
  const panes = [
    makePane({ paneId: '%1', sessionId: '$1' }),
    makePane({ paneId: '%2', sessionId: '$1' }),
    makePane({ paneId: '%3', sessionId: '$2' }),
    makePane({ paneId: '%4', sessionId: '$3' }),
  ];

  it('watches only sessions with a pane on screen, muting their panes off screen and mirroring those on it', () => {
    expect(watchPlan(panes, new Set(['%1', '%4']), undefined)).toEqual([
      { id: '$1', mute: ['%2'], mirror: ['%1'] },
      { id: '$3', mute: [], mirror: ['%4'] },
    ]);
  });

  it('mutes orch-tui\'s own pane: its output is our own frames', () => {
    expect(watchPlan(panes, new Set(['%3']), '%9')).toEqual([{ id: '$2', mute: ['%9'], mirror: ['%3'] }]);
  });

  it('watches nothing when nothing is on screen', () => {
    expect(watchPlan(panes, new Set(), '%9')).toEqual([]);
  });
});
