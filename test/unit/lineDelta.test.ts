import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyLineDelta, lineDelta } from '../../src/feed/lineDelta.js';

describe('lineDelta', () => {
  it('sends a scroll as the lines that came', () => {
    const before = ['a', 'b', 'c', 'd'];
    const after = ['b', 'c', 'd', 'e'];
    expect(lineDelta(before, after)).toEqual({ drop: 1, keep: 2, add: ['d', 'e'] });
  });

  it('rebuilds the lines from any previous lines and delta', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('x', 'y', 'z', ''), { maxLength: 12 }), fc.array(fc.constantFrom('x', 'y', 'z', ''), { maxLength: 12 }), (a, b) => {
        expect(applyLineDelta(a, lineDelta(a, b))).toEqual(b);
      }),
    );
  });
});
