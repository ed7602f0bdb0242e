import type { Note } from './noteTypes.js';

const clock = (at: number) => new Date(at).toLocaleTimeString();

/** `backend`, `all`, or `board` for a note addressed to no worker. */
export const toText = (note: Note): string => (note.to.length ? note.to.join(',') : 'board');

/** The first line of a note's text, cut to `max`. */
export function noteTitle(note: Note, max = 60): string {
  const line = note.text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** `note ls`: one row per note. */
export function noteTable(notes: readonly Note[]): string {
  const rows = notes.map((n) => [n.id, clock(n.at), n.author, toText(n), n.topic ?? '-', readersText(n), noteTitle(n)]);
  const header = ['ID', 'TIME', 'FROM', 'TO', 'TOPIC', 'READ BY', 'TEXT'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** Who read it besides its author, or `-`. */
function readersText(note: Note): string {
  const readers = note.readBy.filter((r) => r !== note.author);
  return readers.length ? readers.join(',') : '-';
}

/** `note read ID`: the whole note. */
export function noteFull(note: Note): string {
  const tags = note.tags?.length ? `  tags: ${note.tags.join(', ')}` : '';
  const deliveries = note.deliveries.map((d) => `${d.worker} (${d.via === 'task' ? `with task ${d.task}` : 'as a message'})`);
  return [
    `${note.id} from ${note.author} to ${toText(note)} at ${new Date(note.at).toLocaleString()}${note.topic ? `  topic: ${note.topic}` : ''}${tags}`,
    '',
    note.text,
    '',
    `Read by: ${note.readBy.join(', ')}${deliveries.length ? `; delivered to ${deliveries.join(', ')}` : ''}`,
  ].join('\n');
}

/** A note as the tools hand it to an agent. */
export function noteJson(note: Note) {
  return {
    id: note.id, from: note.author, to: note.to, at: new Date(note.at).toISOString(), text: note.text,
    ...(note.topic ? { topic: note.topic } : {}), ...(note.tags ? { tags: note.tags } : {}), ...(note.task ? { task: note.task } : {}),
    readBy: note.readBy,
  };
}
