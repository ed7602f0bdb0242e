import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TmuxServerSelection } from '../tmux/tmuxServer.js';
import { journalFor, serverStateDir } from '../tasks/taskQueue.js';
import type { TaskJournal } from '../tasks/taskJournal.js';
import type { JournalEvent } from '../tasks/taskTypes.js';
import { NotesJournal } from './notesJournal.js';
import { addressedTo, replayNotes, type NoteBoard } from './replayNotes.js';
import { ALL, type Note, type NoteEvent, type NoteParty } from './noteTypes.js';

export class NoteError extends Error {}

/** Longest note text taken: a note is a message between workers, not a file. */
export const MAX_NOTE_CHARS = 8000;
const MAX_TOPIC_CHARS = 60;

export interface PostInput {
  author: NoteParty;
  text: string;
  to?: readonly string[];
  topic?: string;
  tags?: readonly string[];
  now?: boolean;
  task?: string;
}

/** Which notes a reader may see, and which of those it asks for. */
export interface NoteQuery {
  /** A worker reading through its own tool sees only notes addressed to it (or to all); else every note. */
  onlyAddressedTo?: string;
  /** Only notes addressed to this worker (or to all). */
  forWorker?: string;
  /** Only notes this party has not read. */
  unreadBy?: NoteParty;
}

/**
 * The notes board of one tmux server: `notes.jsonl` beside the task
 * journal, read together with it (task sends record the notes they carry).
 */
export class NotesBoard {
  constructor(readonly journal: NotesJournal, readonly tasks: TaskJournal) {}

  /** The board, with the task events it was read with (one read of each journal). */
  async load(): Promise<NoteBoard & { corrupt: Array<{ line: number; text: string }>; taskEvents: JournalEvent[] }> {
    const [notes, tasks] = await Promise.all([this.journal.read(), this.tasks.read()]);
    return { ...replayNotes(notes.events, tasks.events), corrupt: notes.corrupt, taskEvents: tasks.events };
  }

  async append(event: NoteEvent): Promise<void> {
    await this.journal.append(event);
  }

  /** Post a note; resolves to it with its id. */
  async post(input: PostInput): Promise<Note> {
    const text = input.text.trim();
    if (text === '') throw new NoteError('A note needs some text.');
    if (text.length > MAX_NOTE_CHARS) throw new NoteError(`A note holds at most ${MAX_NOTE_CHARS} characters; this one has ${text.length}.`);
    const topic = input.topic?.trim();
    if (topic && topic.length > MAX_TOPIC_CHARS) throw new NoteError(`A topic holds at most ${MAX_TOPIC_CHARS} characters.`);
    const to = [...new Set(input.to ?? [])];
    if (to.includes(ALL) && to.length > 1) throw new NoteError(`Address a note to "${ALL}" or to workers by name, not both.`);
    const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))];
    const key = randomBytes(8).toString('hex');
    await this.journal.append({
      type: 'post', at: Date.now(), key, author: input.author, text, to,
      ...(topic ? { topic } : {}), ...(tags.length ? { tags } : {}), ...(input.now ? { now: true } : {}),
      ...(input.task !== undefined ? { task: input.task } : {}),
    });
    const { notes } = await this.load();
    // A second change note for the same task does not count: the first stands.
    const posted = notes.find((n) => n.key === key) ?? notes.find((n) => input.task !== undefined && n.task === input.task);
    if (!posted) throw new NoteError('The note was written but could not be read back.');
    return posted;
  }

  /** Notes a reader asks for, newest first. */
  async list(query: NoteQuery = {}): Promise<Note[]> {
    return select((await this.load()).notes, query);
  }

  /** Record that `reader` read these notes (those it had not). */
  async markRead(notes: readonly Note[], reader: NoteParty): Promise<void> {
    for (const note of notes) {
      if (!note.readBy.includes(reader)) await this.journal.append({ type: 'read', at: Date.now(), id: note.id, reader });
    }
  }

  /** One note, for a reader allowed to see it; marked read by that reader. */
  async read(id: string, reader: NoteParty, onlyAddressedTo?: string): Promise<Note> {
    const note = (await this.load()).byId.get(id);
    if (!note || (onlyAddressedTo !== undefined && !addressedTo(note, onlyAddressedTo))) {
      throw new NoteError(`No note ${id} (see orch-tui note ls).`);
    }
    await this.markRead([note], reader);
    return note.readBy.includes(reader) ? note : { ...note, readBy: [...note.readBy, reader] };
  }
}

/** The notes `query` selects, newest first. */
export function select(notes: readonly Note[], query: NoteQuery): Note[] {
  return notes
    .filter((n) => query.onlyAddressedTo === undefined || addressedTo(n, query.onlyAddressedTo))
    .filter((n) => query.forWorker === undefined || addressedTo(n, query.forWorker))
    .filter((n) => query.unreadBy === undefined || !n.readBy.includes(query.unreadBy))
    .reverse();
}

export function notesJournalFor(server: TmuxServerSelection, env: NodeJS.ProcessEnv = process.env): NotesJournal {
  return new NotesJournal(path.join(serverStateDir(server, env), 'notes.jsonl'));
}

/** The board of a tmux server (its notes and task journals). */
export function notesBoardFor(server: TmuxServerSelection, env: NodeJS.ProcessEnv = process.env): NotesBoard {
  return new NotesBoard(notesJournalFor(server, env), journalFor(server, env));
}
