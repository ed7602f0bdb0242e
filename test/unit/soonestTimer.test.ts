import { afterEach, describe, expect, it, vi } from 'vitest';
import { SoonestTimer } from '../../src/feed/soonestTimer.js';

afterEach(() => vi.useRealTimers());

describe('SoonestTimer', () => {
  it('runs once, at the soonest time asked for; later asks never push it back', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const timer = new SoonestTimer(run);
    timer.in(100);
    timer.in(500);
    timer.in(30);
    vi.advanceTimersByTime(29);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('can be asked again after it ran, and cancelled', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const timer = new SoonestTimer(run);
    timer.in(10);
    vi.advanceTimersByTime(10);
    timer.in(10);
    timer.cancel();
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
