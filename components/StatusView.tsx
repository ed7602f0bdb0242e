import React from 'react';
import { Box, Text } from 'ink';
import { renderStatusLines, type StatusReport } from '../src/report/statusReport.js';
import { clipLine } from '../src/ui/paneLines.js';

export interface StatusViewProps {
  report: StatusReport;
  width: number;
  height: number;
  /** Lines scrolled from the top when the report is taller than the view. */
  scroll?: number;
}

/** The footer's word on progress: `progress 75%`, or `progress 0% (no tasks)`. */
export function progressLabel(report: StatusReport): string {
  return `progress ${report.overallPercent}%${report.noTasks ? ' (no tasks)' : ''}`;
}

/** Which part of the report fits: the lines shown and, when some are hidden, where they sit. */
export function statusWindow(total: number, height: number, scroll: number): { top: number; rows: number; position?: string } {
  if (total <= height) return { top: 0, rows: Math.max(0, height) };
  // One row goes to saying where we are.
  const rows = Math.max(0, height - 1);
  const top = Math.max(0, Math.min(scroll, total - rows));
  return { top, rows, position: `lines ${top + 1}-${top + rows} of ${total} (↑↓ scroll)` };
}

/** The status report (the same lines `orch-tui status` prints), cut to the view's size. */
export function StatusView({ report, width, height, scroll = 0 }: StatusViewProps) {
  const lines = renderStatusLines(report);
  const { top, rows, position } = statusWindow(lines.length, height, scroll);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(top, top + rows).map((line, i) => (
        // Worker names, the title and the overall line start at the margin; details are indented.
        <Text key={top + i} bold={line !== '' && !line.startsWith(' ')} wrap="truncate">
          {clipLine(line, width) || ' '}
        </Text>
      ))}
      {position && height > 0 ? (
        <Text dimColor wrap="truncate">
          {clipLine(position, width)}
        </Text>
      ) : null}
    </Box>
  );
}
