import React from 'react';
import { Box, Text } from 'ink';
import type { Modal } from '../src/store/orchState.js';
import type { TextInput } from '../src/ui/textInput.js';
import { footerEntries } from '../src/ui/keyTable.js';

export interface ModalPanelProps {
  modal: Modal;
  width: number;
  height: number;
}

/** Rows a modal needs, so the grid above it can shrink. */
export function modalHeight(modal: Modal, maxRows: number): number {
  if (modal.kind === 'confirm') return 4;
  if (modal.kind === 'form') return modal.fields.length + 4;
  return Math.min(maxRows, Math.max(5, modal.input.text.split('\n').length + 4));
}

interface Row {
  head: string;
  cursor?: string;
  tail?: string;
}

/** The text as rows, the cursor's row split around an inverse cell. */
function rowsWithCursor(input: TextInput): { rows: Row[]; cursorRow: number } {
  const before = input.text.slice(0, input.cursor);
  const rest = input.text.slice(input.cursor);
  const ch = Array.from(rest)[0];
  const cursor = !ch || ch === '\n' ? ' ' : ch;
  const after = ch && ch !== '\n' ? rest.slice(ch.length) : rest;
  const beforeLines = before.split('\n');
  const afterLines = after.split('\n');
  const rows: Row[] = [
    ...beforeLines.slice(0, -1).map((head) => ({ head })),
    { head: beforeLines[beforeLines.length - 1]!, cursor, tail: afterLines[0] },
    ...afterLines.slice(1).map((head) => ({ head })),
  ];
  return { rows, cursorRow: beforeLines.length - 1 };
}

/** Text with a visible cursor, scrolled so the cursor's row is shown. */
function TextWithCursor({ input, rows: maxRows }: { input: TextInput; rows: number }) {
  const { rows, cursorRow } = rowsWithCursor(input);
  const start = Math.max(0, Math.min(cursorRow - maxRows + 1, rows.length - maxRows));
  return (
    <>
      {rows.slice(start, start + maxRows).map((row, i) => (
        <Text key={i} wrap="truncate">
          {row.head}
          {row.cursor !== undefined ? <Text inverse>{row.cursor}</Text> : null}
          {row.tail ?? ''}
        </Text>
      ))}
    </>
  );
}

const FORM_TITLES = { 'new-task': 'New task', 'new-worker': 'New worker', 'new-note': 'New note' } as const;

/** The open modal: an input box, a y/N question, or the new-worker form. */
export function ModalPanel({ modal, width, height }: ModalPanelProps) {
  const keys = footerEntries(modal.kind).map((e) => `${e.key} ${e.label}`).join('  ');
  return (
    <Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor="yellow" paddingX={1} overflow="hidden">
      {modal.kind === 'input' ? (
        <>
          <Text bold wrap="truncate">{modal.title}</Text>
          <TextWithCursor input={modal.input} rows={Math.max(1, height - 4)} />
        </>
      ) : modal.kind === 'confirm' ? (
        <Text bold wrap="truncate">{modal.question} <Text color="yellow">[y/N]</Text></Text>
      ) : (
        <>
          <Text bold>{FORM_TITLES[modal.purpose]}</Text>
          {modal.fields.map((field, i) => (
            <Box key={field.label}>
              <Text color={i === modal.focus ? 'cyan' : undefined}>{(i === modal.focus ? '▶ ' : '  ') + field.label.padEnd(14)}</Text>
              <Box flexGrow={1}>
                {i === modal.focus ? <TextWithCursor input={field.input} rows={1} /> : <Text wrap="truncate">{field.input.text || <Text dimColor>{field.hint}</Text>}</Text>}
              </Box>
            </Box>
          ))}
        </>
      )}
      <Text dimColor wrap="truncate">{keys}</Text>
    </Box>
  );
}
