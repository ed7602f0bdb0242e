import React from 'react';
import { Text } from 'ink';
import type { Worker } from '../src/store/orchState.js';
import { baseName, formatAge } from '../src/ui/paneLines.js';
import { StateBadge } from './StateBadge.js';
import { useOrch } from './StoreContext.js';

export interface PaneHeaderProps {
  worker: Worker;
  focused: boolean;
  now: number;
  marked?: boolean;
}

/** Name, state, foreground command, directory, time since output, latest error. */
export function PaneHeader({ worker, focused, now, marked }: PaneHeaderProps) {
  // Notes for this worker that it has not read (nor been given with a task).
  const unread = useOrch((s) => s.unreadNotes[worker.name] ?? 0);
  const age = formatAge(now - worker.lastOutputAt);
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
      <StateBadge worker={worker} now={now} />
      <Text dimColor> · {worker.command} · {baseName(worker.cwd)} · {age}</Text>
      {worker.errorCount > 0 ? (
        <Text color="red">
          {' '}✗{worker.errorCount} {worker.latestError}
        </Text>
      ) : null}
    </Text>
  );
}
