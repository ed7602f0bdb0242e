import React from 'react';
import { Box, Text } from 'ink';
import { useOrch } from './StoreContext.js';
import { shownNotes } from '../src/store/noteActions.js';
import { noteTitle, toText } from '../src/notes/renderNotes.js';
import { YOU } from '../src/notes/noteTypes.js';

const clock = (at: number) => new Date(at).toLocaleTimeString();

/** The notes board: newest first, the selected note in full with who read it. */
export function NotesView({ width, height }: { width: number; height: number }) {
  const notes = useOrch((s) => s.notes);
  const filter = useOrch((s) => s.noteFilter);
  const cursorRaw = useOrch((s) => s.noteCursor);
  const shown = React.useMemo(() => shownNotes({ notes, noteFilter: filter }), [notes, filter]);
  const cursor = Math.min(cursorRaw, Math.max(0, shown.length - 1));
  const selected = shown[cursor];
  const listRows = Math.max(1, Math.min(shown.length, Math.floor((height - 3) / 2)));
  const start = Math.max(0, Math.min(cursor - listRows + 1, shown.length - listRows));
  const detail = selected
    ? [
        `${selected.id} from ${selected.author} to ${toText(selected)} at ${clock(selected.at)}${selected.topic ? ` · ${selected.topic}` : ''}`,
        ...selected.text.split('\n').map((l) => `  ${l}`),
        `read by: ${selected.readBy.join(', ')}`,
      ]
    : [];
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingX={1}>
      <Text bold wrap="truncate">
        Notes ({shown.length}){filter ? <Text dimColor> · for {filter} (f: next worker)</Text> : <Text dimColor> · all (f: one worker's)</Text>}
      </Text>
      {shown.length === 0 ? <Text dimColor>No notes yet. Press a to add one, or use `orch-tui note add`.</Text> : null}
      {shown.slice(start, start + listRows).map((note, i) => (
        <Text key={note.id} wrap="truncate" inverse={start + i === cursor}>
          {note.readBy.includes(YOU) ? '  ' : '● '}
          {note.id.padEnd(5)} {clock(note.at).padEnd(11)} {note.author.padEnd(12)} → {toText(note).padEnd(12)}{' '}
          {note.topic ? <Text color="cyan">[{note.topic}] </Text> : null}
          {noteTitle(note, width)}
        </Text>
      ))}
      <Text dimColor>{'─'.repeat(Math.max(0, width - 2))}</Text>
      {detail.slice(0, Math.max(0, height - listRows - 3)).map((line, i) => (
        <Text key={i} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
