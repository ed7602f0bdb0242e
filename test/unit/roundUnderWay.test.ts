import { describe, expect, it } from 'vitest';
import { RoundUnderWay } from '../../src/roundUnderWay.js';

describe('a round under way', () => {
  it('settles once the round is over, failed or not, and at once with none', async () => {
    const rounds = new RoundUnderWay();
    await rounds.settled();
    let finish!: () => void;
    const events: string[] = [];
    const result = rounds.run(() => new Promise<string>((resolve) => { finish = () => resolve('done'); }));
    const settled = rounds.settled().then(() => events.push('settled'));
    await Promise.resolve();
    expect(events).toEqual([]);
    finish();
    expect(await result).toBe('done');
    await settled;
    expect(events).toEqual(['settled']);
    const failing = rounds.run(() => Promise.reject(new Error('tmux went away')));
    await expect(failing).rejects.toThrow('tmux went away');
    await expect(rounds.settled()).resolves.toBeUndefined();
  });
});
