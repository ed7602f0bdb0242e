import React from 'react';
import { Text } from 'ink';
import type { Worker } from '../src/store/orchState.js';
import { BUSY, STATE_COLOR } from '../src/ui/stateStyle.js';
import { formatAge } from '../src/ui/paneLines.js';

/** Braille dots, one step per clock tick. */
const DOTS = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * How long a worker has been in its state, as the header says it: `for 40s`.
 * The clock that draws it ticks every `stepMs` (10 s in the grid), so a time
 * is only shown in whole steps, and not at all before the first: never a
 * `0s` that stays for ten seconds.
 */
export function timeInState(ms: number, stepMs: number): string | undefined {
  const step = Math.max(1000, stepMs);
  if (ms < step) return undefined;
  return `for ${formatAge(Math.floor(ms / step) * step)}`;
}

/**
 * `⠋ working for 20s`: the state in its colour, a glyph that moves while
 * busy, time in state. The glyph steps when the worker prints (and with the
 * clock), not on a spinner timer of its own: with fifty busy panes, fifty
 * spinners would each ask for a frame twelve times a second.
 */
export function StateBadge({ worker, now, stepMs = 1000 }: { worker: Worker; now: number; stepMs?: number }) {
  // A dead pane is exited whatever was decided before: tmux's facts come first.
  const state = worker.dead ? 'exited' : worker.state;
  const color = worker.dead && worker.deadStatus ? 'red' : STATE_COLOR[state];
  const label = state === 'exited' && worker.deadStatus !== undefined ? `exited ${worker.deadStatus}` : state;
  const time = timeInState(now - worker.stateSince, stepMs);
  return (
    <Text color={color} bold={worker.state === 'waiting' || worker.state === 'error'}>
      {BUSY.has(state) ? DOTS[(Math.floor(now / 1000) + Math.floor(worker.lastOutputAt / 250)) % DOTS.length] : '●'} {label}
      {time ? ` ${time}` : ''}
    </Text>
  );
}
