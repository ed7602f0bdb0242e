import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../src/report/mapBounded.js';

describe('mapBounded', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const result = await mapBounded([5, 1, 4, 2, 3, 0], 2, async (n, i) => {
      running++;
      most = Math.max(most, running);
      // Finish out of order: later items resolve first when n is small.
      for (let k = 0; k < n; k++) await Promise.resolve();
      running--;
      return `${i}:${n}`;
    });
    expect(result).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0']);
    expect(most).toBe(2);
  });

  it('handles no items', async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });
});
