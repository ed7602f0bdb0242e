import { describe, expect, it } from 'vitest';
import { globToRegExp, selectWorkers, workerName } from '../../src/workers/selectWorkers.js';
import { makePane } from './paneFactory.js';

describe('globToRegExp', () => {
  it.each([
    ['api', 'api', true],
    ['api', 'api2', false],
    ['api', 'xapi', false],
    ['api-*', 'api-1', true],
    ['api-*', 'api-', true],
    ['api-*', 'web-1', false],
    ['w?', 'w1', true],
    ['w?', 'w12', false],
    ['a.b', 'a.b', true],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
    ['$HOME^', '$HOME^', true],
    ['w[12]', 'w2', true],
    ['w[12]', 'w3', false],
    ['w[0-9]', 'w7', true],
    ['w[0-9]', 'w-', false],
    ['w[!0-9]', 'wx', true],
    ['w[!0-9]', 'w5', false],
    ['[', '[', true],
  ])('%s matches %s: %s', (glob, name, matches) => {
    expect(globToRegExp(glob).test(name)).toBe(matches);
  });
});

describe('workerName', () => {
  it('is the session name for a one-pane session', () => {
    expect(workerName(makePane({ sessionName: 'api', sessionPanes: 1 }))).toBe('api');
    expect(workerName(makePane({ sessionName: 'api', sessionPanes: undefined }))).toBe('api');
  });

  it('adds window.pane when the session holds several panes', () => {
    expect(workerName(makePane({ sessionName: 'api', sessionPanes: 3, windowIndex: 2, paneIndex: 1 }))).toBe(
      'api:2.1',
    );
  });
});

describe('selectWorkers', () => {
  const panes = [
    makePane({ paneId: '%5', sessionName: 'web', windowIndex: 0, paneIndex: 0 }),
    makePane({ paneId: '%2', sessionName: 'api', windowIndex: 1, paneIndex: 1 }),
    makePane({ paneId: '%1', sessionName: 'api', windowIndex: 1, paneIndex: 0 }),
    makePane({ paneId: '%3', sessionName: 'api', windowIndex: 0, paneIndex: 4 }),
    makePane({ paneId: '%9', sessionName: 'orch-control', controlTag: '1' }),
    makePane({ paneId: '%7', sessionName: 'me' }),
  ];

  it('drops its own pane and control sessions and orders by session, window, pane', () => {
    expect(selectWorkers(panes, { ownPane: '%7' }).map((p) => p.paneId)).toEqual(['%3', '%1', '%2', '%5']);
  });

  it('narrows to sessions matching --session', () => {
    expect(selectWorkers(panes, { sessionGlob: 'w*' }).map((p) => p.paneId)).toEqual(['%5']);
    expect(selectWorkers(panes, { sessionGlob: 'nothing' })).toEqual([]);
  });

  it('keeps every non-control pane with no filter, without changing its input', () => {
    const before = panes.map((p) => p.paneId);
    expect(selectWorkers(panes)).toHaveLength(5);
    expect(panes.map((p) => p.paneId)).toEqual(before);
  });
});
