import { describe, expect, it } from 'vitest';
import { contextLabel, formatTokens, sameContext } from '../../src/ui/contextMeter.js';

describe('the context meter', () => {
  it('green, then yellow from 60 %, red from 80 %', () => {
    expect(contextLabel({ tokens: 150_000, window: 1_000_000, percent: 15, source: 'statusline' })).toEqual({ text: 'ctx 15%', color: 'green' });
    expect(contextLabel({ tokens: 120_000, window: 200_000, percent: 60, source: 'transcript' }).color).toBe('yellow');
    expect(contextLabel({ tokens: 160_000, window: 200_000, percent: 80, source: 'transcript' }).color).toBe('red');
  });

  it('tokens alone, uncoloured, when the window is not known', () => {
    expect(contextLabel({ tokens: 150_000, source: 'transcript' })).toEqual({ text: 'ctx 150k', color: undefined });
  });

  it('short token counts', () => {
    expect([999, 1000, 149_600, 999_499, 999_500, 1_250_000].map(formatTokens)).toEqual(['999', '1k', '150k', '999k', '1M', '1.3M']);
  });

  it('two readings are the same when every field is', () => {
    const a = { tokens: 1, window: 2, percent: 50, source: 'statusline' as const };
    expect(sameContext(a, { ...a })).toBe(true);
    expect(sameContext(a, { ...a, tokens: 2 })).toBe(false);
    expect(sameContext(undefined, undefined)).toBe(true);
    expect(sameContext(a, undefined)).toBe(false);
  });
});
