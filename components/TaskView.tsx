import React from 'react';
import { Box, Text } from 'ink';
import { useOrch } from './StoreContext.js';
import type { TaskState } from '../src/tasks/taskTypes.js';
import { waitingOn } from '../src/tasks/planTasks.js';
import { compactionLine } from '../src/tasks/compactionText.js';

const COLOR: Record<TaskState, string> = { queued: 'blue', sent: 'yellow', done: 'green', failed: 'red', cancelled: 'gray', interrupted: 'magenta' };

/** The task queue: every task, its state, what it waits for, and the selected one's text and result. */
export function TaskView({ width, height }: { width: number; height: number }) {
  const tasks = useOrch((s) => s.tasks);
  const cursor = useOrch((s) => Math.min(s.taskCursor, Math.max(0, s.tasks.length - 1)));
  const elsewhere = useOrch((s) => s.dispatcherElsewhere);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const selected = tasks[cursor];
  const listRows = Math.max(1, Math.min(tasks.length, Math.floor((height - 3) / 2)));
  const start = Math.max(0, Math.min(cursor - listRows + 1, tasks.length - listRows));
  const detail = selected
    ? [
        `${selected.id} → ${selected.worker}${selected.after.length ? ` after ${selected.after.join(', ')}` : ''}`,
        ...((selected.sentText ?? selected.text).split('\n').map((l) => `  ${l}`)),
        ...(selected.compaction ? [compactionLine(selected.compaction)] : []),
        ...(selected.reason ? [`why: ${selected.reason}`] : []),
        ...(selected.result !== undefined ? ['result:', ...selected.result.split('\n').map((l) => `  ${l}`)] : []),
      ]
    : [];
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingX={1}>
      <Text bold wrap="truncate">
        Tasks ({tasks.length}){elsewhere ? <Text dimColor> · dispatched by {elsewhere}</Text> : null}
      </Text>
      {tasks.length === 0 ? (
        <Text dimColor>No tasks yet. Press a to add one, or use `orch-tui task add` / `orch-tui up`.</Text>
      ) : null}
      {tasks.slice(start, start + listRows).map((task, i) => {
        const waits = task.state === 'queued' ? waitingOn(task, byId) : [];
        return (
          <Text key={task.id} wrap="truncate" inverse={start + i === cursor}>
            {task.id.padEnd(6)} <Text color={COLOR[task.state]}>{task.state.padEnd(11)}</Text> {task.worker.padEnd(12)}{' '}
            {waits.length ? <Text dimColor>⏳ {waits.join(',')} </Text> : null}
            {task.compaction ? <Text color="cyan">🗜 </Text> : null}
            {(task.text.split('\n')[0] ?? '').slice(0, width)}
          </Text>
        );
      })}
      <Text dimColor>{'─'.repeat(Math.max(0, width - 2))}</Text>
      {detail.slice(0, Math.max(0, height - listRows - 3)).map((line, i) => (
        <Text key={i} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
