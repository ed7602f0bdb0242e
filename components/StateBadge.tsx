import React from 'react';
import { Text } from 'ink';
import type { Worker } from '../src/store/orchState.js';
import { BUSY, STATE_COLOR } from '../src/ui/stateStyle.js';
import { formatAge } from '../src/ui/paneLines.js';

/** Braille dots, one step per clock tick. */
const DOTS = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * `⠋ working 12s`: the state in its colour, a glyph that moves while busy,
 * time in state. The glyph steps when the worker prints (and with the
 * clock), not on a spinner timer of its own: with fifty busy panes, fifty
 * spinners would each ask for a frame twelve times a second.
 */
export function StateBadge({ worker, now }: { worker: Worker; now: number }) {
  // A dead pane is exited whatever was decided before: tmux's facts come first.
  const state = worker.dead ? 'exited' : worker.state;
  const color = worker.dead && worker.deadStatus ? 'red' : STATE_COLOR[state];
  const label = state === 'exited' && worker.deadStatus !== undefined ? `exited ${worker.deadStatus}` : state;
  return (
    <Text color={color} bold={worker.state === 'waiting' || worker.state === 'error'}>
      {BUSY.has(state) ? DOTS[(Math.floor(now / 1000) + Math.floor(worker.lastOutputAt / 250)) % DOTS.length] : '●'} {label} {formatAge(now - worker.stateSince)}
    </Text>
  );
}
