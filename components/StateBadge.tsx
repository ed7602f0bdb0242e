import React from 'react';
import { Text } from 'ink';
import Spinner from 'ink-spinner';
import type { Worker } from '../src/store/orchState.js';
import { BUSY, STATE_COLOR } from '../src/ui/stateStyle.js';
import { formatAge } from '../src/ui/paneLines.js';

/** `⠋ working 12s`: the state in its colour, a spinner while busy, time in state. */
export function StateBadge({ worker, now }: { worker: Worker; now: number }) {
  // A dead pane is exited whatever was decided before: tmux's facts come first.
  const state = worker.dead ? 'exited' : worker.state;
  const color = worker.dead && worker.deadStatus ? 'red' : STATE_COLOR[state];
  const label = state === 'exited' && worker.deadStatus !== undefined ? `exited ${worker.deadStatus}` : state;
  return (
    <Text color={color} bold={worker.state === 'waiting' || worker.state === 'error'}>
      {BUSY.has(state) ? <Spinner type="dots" /> : '●'} {label} {formatAge(now - worker.stateSince)}
    </Text>
  );
}
