import { describe, expect, it } from 'vitest';
import { notificationsFor } from '../../src/ui/notifications.js';
import type { Worker } from '../../src/store/orchState.js';

function worker(overrides: Partial<Worker>): Worker {
  return {
    name: 'w', agent: 'claude', state: 'working', stateReason: '', prompt: undefined, finishedAt: undefined,
    ...overrides,
  } as Worker;
}

describe('what the user is told about', () => {
  it('an agent finished its turn; a shell finished its command', () => {
    const before = { a: worker({ name: 'api' }), b: worker({ name: 'build', agent: 'generic' }) };
    const after = { a: worker({ name: 'api', state: 'idle', finishedAt: 5 }), b: worker({ name: 'build', agent: 'generic', state: 'idle', finishedAt: 5 }) };
    expect(notificationsFor(before, after)).toEqual(['orch-tui: api finished its turn', 'orch-tui: build finished its command']);
  });

  it('entering waiting or error says why, once; a worker seen for the first time says nothing', () => {
    const waiting = worker({ state: 'waiting', prompt: { question: 'Do you want to proceed?', command: 'rm -rf build', choices: [] } as never });
    expect(notificationsFor({ a: worker({}) }, { a: waiting })).toEqual(['orch-tui: w is waiting for you: Do you want to proceed? rm -rf build']);
    expect(notificationsFor({ a: waiting }, { a: waiting })).toEqual([]);
    expect(notificationsFor({ a: worker({}) }, { a: worker({ state: 'error', stateReason: 'API error 529' }) })).toEqual(['orch-tui: w hit an error: API error 529']);
    expect(notificationsFor({}, { a: worker({ state: 'error', stateReason: 'x' }) })).toEqual([]);
  });
});
