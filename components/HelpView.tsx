import React from 'react';
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
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
  { title: 'Questions', contexts: ['confirm', 'answer'] },
  { title: 'This help', contexts: ['help'] },
];

export type HelpLine = { kind: 'title'; text: string } | { kind: 'row'; keys: string; description: string };

/** Two columns only when both fit side by side. */
const TWO_COLUMNS_MIN_WIDTH = 112;

/** Every key binding, each once, under the first section whose views it serves. */
export function helpLines(table: readonly KeyBinding[] = KEY_TABLE): HelpLine[] {
  const seen = new Set<KeyBinding>();
  const lines: HelpLine[] = [];
  for (const section of SECTIONS) {
    const rows = table.filter((row) => !seen.has(row) && row.views.some((v) => section.contexts.includes(v)));
    rows.forEach((row) => seen.add(row));
    if (rows.length === 0) continue;
    lines.push({ kind: 'title', text: section.title });
    for (const row of rows) lines.push({ kind: 'row', keys: row.keys.map(displayKey).join(' '), description: row.description });
  }
  return lines;
}

/**
 * Where the second column starts: as even as possible, never right after a
 * heading (a heading alone at a column's foot); a section cut in two
 * repeats its heading at the top of the second column.
 */
export function splitColumns(lines: readonly HelpLine[]): HelpLine[][] {
  let best: { at: number; height: number } | undefined;
  for (let at = 1; at < lines.length; at++) {
    if (lines[at - 1]!.kind === 'title') continue;
    const continues = lines[at]!.kind === 'row';
    const height = Math.max(at, lines.length - at + (continues ? 1 : 0));
    if (!best || height < best.height || (height === best.height && !continues)) best = { at, height };
  }
  if (!best) return [[...lines]];
  const second = lines.slice(best.at);
  if (second[0]?.kind === 'row') {
    const heading = [...lines.slice(0, best.at)].reverse().find((l) => l.kind === 'title');
    if (heading?.kind === 'title') second.unshift({ kind: 'title', text: `${heading.text} (continued)` });
  }
  return [lines.slice(0, best.at), second];
}

/**
 * Per line, how wide its keys' column is: as wide as the longest keys of its
 * section plus two spaces, so keys never run into their description.
 */
function sectionKeyWidths(column: readonly HelpLine[]): number[] {
  const widths: number[] = [];
  let start = 0;
  for (let i = 0; i <= column.length; i++) {
    if (i < column.length && column[i]!.kind !== 'title') continue;
    const section = column.slice(start, i);
    const width = Math.max(0, ...section.map((l) => (l.kind === 'row' ? stringWidth(l.keys) : 0))) + 2;
    for (let j = start; j < i; j++) widths[j] = width;
    if (i < column.length) widths[i] = 0;
    start = i + 1;
  }
  return widths;
}

/** Every key binding, generated from the key table, in two columns when wide. */
export function HelpView({ width, height, scroll = 0 }: HelpViewProps) {
  const lines = helpLines();
  const available = Math.max(1, height - 1);
  const widest = Math.max(...lines.map((l) => (l.kind === 'row' ? stringWidth(l.keys) + 2 + stringWidth(l.description) : 0)));
  // Two columns when the help is taller than the screen and every row fits whole in half of it.
  const twoColumns = lines.length > available && width >= TWO_COLUMNS_MIN_WIDTH && widest <= Math.floor((width - 2) / 2) - 1;
  const columns = twoColumns ? splitColumns(lines) : [lines];
  const tallest = Math.max(...columns.map((c) => c.length));
  const columnWidth = Math.floor((width - 2) / columns.length);
  const maxScroll = Math.max(0, tallest - available);
  const top = Math.min(scroll, maxScroll);
  const more = maxScroll > 0 ? ` (↑↓ scroll: lines ${top + 1}-${top + available} of ${tallest})` : '';
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingX={1}>
      <Text bold wrap="truncate">orch-tui keys<Text dimColor>{more}</Text></Text>
      <Box flexDirection="row">
        {columns.map((column, c) => {
          const keyWidth = sectionKeyWidths(column);
          return (
            <Box key={c} flexDirection="column" width={columnWidth}>
              {column.slice(top, top + available).map((line, i) =>
                line.kind === 'title' ? (
                  <Text key={i} bold underline wrap="truncate">
                    {line.text}
                  </Text>
                ) : (
                  <Text key={i} wrap="truncate">
                    <Text color="cyan">{line.keys + ' '.repeat(Math.max(2, keyWidth[top + i]! - stringWidth(line.keys)))}</Text>
                    {line.description}
                  </Text>
                ),
              )}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
