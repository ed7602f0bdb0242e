import { describe, expect, it } from 'vitest';
import { resolveWorker, UnknownWorkerError } from '../../src/workers/resolveWorker.js';
import { makePane } from './paneFactory.js';

const workers = [
  makePane({ paneId: '%1', sessionName: 'api', sessionPanes: 1 }),
  makePane({ paneId: '%2', sessionName: 'web', sessionPanes: 2, windowIndex: 0, paneIndex: 0 }),
  makePane({ paneId: '%3', sessionName: 'web', sessionPanes: 2, windowIndex: 1, paneIndex: 2 }),
];

describe('resolveWorker', () => {
  it('finds a pane by its id', () => {
    expect(resolveWorker(workers, '%3').paneId).toBe('%3');
  });

  it('says so when a pane id is unknown', () => {
    expect(() => resolveWorker(workers, '%99')).toThrow(UnknownWorkerError);
    expect(() => resolveWorker(workers, '%99')).toThrow(/No worker pane %99/);
  });

  it('finds a worker by its shown name', () => {
    expect(resolveWorker(workers, 'api').paneId).toBe('%1');
    expect(resolveWorker(workers, 'web:1.2').paneId).toBe('%3');
  });

  it('finds any pane by session:window.pane, even a one-pane session', () => {
    expect(resolveWorker(workers, 'api:0.0').paneId).toBe('%1');
  });

  it('refuses a session with several panes and lists their names', () => {
    expect(() => resolveWorker(workers, 'web')).toThrow('Session web holds 2 panes; name one: web:0.0, web:1.2.');
  });

  it('matches names exactly, never by prefix', () => {
    expect(() => resolveWorker(workers, 'ap')).toThrow(/No worker named "ap"/);
    expect(() => resolveWorker(workers, 'web:1.3')).toThrow(UnknownWorkerError);
  });
});
