import React from 'react';
import { Box, Text } from 'ink';
import { KEY_TABLE, displayKey, type KeyBinding, type KeyContext } from '../src/ui/keyTable.js';

export interface HelpViewProps {
  width: number;
  height: number;
  /** Lines scrolled from the top when the help is taller than the screen. */
  scroll?: number;
}

const SECTIONS: Array<{ title: string; contexts: KeyContext[] }> = [
  { title: 'Workers', contexts: ['grid', 'zoom'] },
  { title: 'Task, notes and status views', contexts: ['tasks', 'notes', 'status'] },
  { title: 'Text boxes and forms', contexts: ['input', 'form'] },
  { title: 'Questions', contexts: ['confirm'] },
  { title: 'This help', contexts: ['help'] },
];

/** The rows of a section, each command once (a row may serve several views). */
function sectionRows(contexts: KeyContext[], seen: Set<KeyBinding>): KeyBinding[] {
  const rows = KEY_TABLE.filter((row) => !seen.has(row) && row.views.some((v) => contexts.includes(v)));
  rows.forEach((row) => seen.add(row));
  return rows;
}

/** Every key binding, generated from the key table, in two columns when wide. */
export function HelpView({ width, height, scroll = 0 }: HelpViewProps) {
  const seen = new Set<KeyBinding>();
  const lines: Array<{ kind: 'title'; text: string } | { kind: 'row'; row: KeyBinding }> = [];
  for (const section of SECTIONS) {
    const rows = sectionRows(section.contexts, seen);
    if (rows.length === 0) continue;
    lines.push({ kind: 'title', text: section.title });
    for (const row of rows) lines.push({ kind: 'row', row });
  }
  const available = Math.max(1, height - 1);
  const columns = lines.length > available && width >= 112 ? 2 : 1;
  const perColumn = Math.ceil(lines.length / columns);
  const columnWidth = Math.floor((width - 2) / columns);
  const maxScroll = Math.max(0, perColumn - available);
  const top = Math.min(scroll, maxScroll);
  const more = maxScroll > 0 ? ` (↑↓ scroll: lines ${top + 1}-${top + available} of ${perColumn})` : '';
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingX={1}>
      <Text bold wrap="truncate">orch-tui keys<Text dimColor>{more}</Text></Text>
      <Box flexDirection="row">
        {Array.from({ length: columns }, (_, c) => (
          <Box key={c} flexDirection="column" width={columnWidth}>
            {lines.slice(c * perColumn, (c + 1) * perColumn).slice(top, top + available).map((line, i) =>
              line.kind === 'title' ? (
                <Text key={i} bold underline wrap="truncate">
                  {line.text}
                </Text>
              ) : (
                <Text key={i} wrap="truncate">
                  <Text color="cyan">{line.row.keys.map(displayKey).join(' ').padEnd(12)}</Text>
                  {line.row.description}
                </Text>
              ),
            )}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
