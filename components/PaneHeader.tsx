import React from 'react';
import { Text } from 'ink';
import type { Worker } from '../src/store/orchState.js';
import { baseName, formatAge } from '../src/ui/paneLines.js';

export interface PaneHeaderProps {
  worker: Worker;
  focused: boolean;
  now: number;
}

/** Name, foreground command, directory and time since output, on one line. */
export function PaneHeader({ worker, focused, now }: PaneHeaderProps) {
  const status = worker.dead ? `exited ${worker.deadStatus ?? '?'}` : worker.command;
  const age = formatAge(now - worker.lastOutputAt);
  return (
    <Text wrap="truncate" bold={focused} color={focused ? 'cyan' : undefined}>
      {focused ? '▶ ' : ''}
      {worker.name}
      <Text dimColor> · </Text>
      <Text color={worker.dead ? 'red' : 'yellow'}>{status}</Text>
      <Text dimColor> · {baseName(worker.cwd)} · {age}</Text>
    </Text>
  );
}
