import React from 'react';
import { Text } from 'ink';
import type { Worker } from '../src/store/orchState.js';
import { baseName } from '../src/ui/paneLines.js';
import { StateBadge } from './StateBadge.js';
import { ContextMeter } from './ContextMeter.js';
import { useOrch } from './StoreContext.js';

export interface PaneHeaderProps {
  worker: Worker;
  focused: boolean;
  now: number;
  marked?: boolean;
  /** How often `now` moves, ms: times are shown in steps of it. */
  clockMs?: number;
}

/**
 * Name, state and how long in it (`working for 20s`: the one time shown),
 * how many error lines its screen shows (`✗3`, in red), context meter,
 * foreground command, directory, latest error. What matters most comes
 * first: a narrow pane cuts the end of the line.
 */
export function PaneHeader({ worker, focused, now, marked, clockMs }: PaneHeaderProps) {
  const errors = worker.errorCount;
  // Notes for this worker that it has not read (nor been given with a task).
  const unread = useOrch((s) => s.unreadNotes[worker.name] ?? 0);
  return (
    <Text wrap="truncate">
      <Text bold={focused} color={focused ? 'cyan' : undefined}>
        {focused ? '▶ ' : ''}
        {marked ? '✚ ' : ''}
        {worker.name}
      </Text>
      {worker.managed ? <Text color="magenta">{worker.acceptsCommands ? ' ◆$' : ' ◆'}</Text> : null}
      {unread > 0 ? <Text color="yellow"> ✉{unread}</Text> : null}
      <Text dimColor> · </Text>
      <StateBadge worker={worker} now={now} stepMs={clockMs} />
      {errors > 0 ? <Text color="red"> · ✗{errors}</Text> : null}
      <ContextMeter context={worker.context} />
      <Text dimColor> · {worker.command} · {baseName(worker.cwd)}</Text>
      {errors > 0 && worker.latestError ? <Text color="red"> · {worker.latestError}</Text> : null}
    </Text>
  );
}
