/** The notes board's vocabulary: notes, who reads them, and the board journal's events. */

/** Who writes or reads a note: a worker's name, the orchestrating agent, or the person at the keyboard. */
export type NoteParty = string;
export const YOU = 'you';
export const ORCHESTRATOR = 'orchestrator';
/** `to` value that addresses every worker (but its author). */
export const ALL = 'all';

/** How a note reached a worker that has no tool to read it. */
export interface NoteDelivery {
  worker: string;
  at: number;
  /** Prepended to a task's text (that task's id), or sent as a message of its own. */
  via: 'task' | 'message';
  task?: string;
}

export interface Note {
  /** `n1`, `n2`, ...: the note's place among the board's notes, the same for every reader. */
  id: string;
  /** Random, from its post: how its poster finds it among notes posted at the same moment. */
  key: string;
  at: number;
  author: NoteParty;
  text: string;
  /** Workers it is for, or [`all`]; empty: for the board (the orchestrator and you), delivered to no worker. */
  to: string[];
  topic?: string;
  tags?: string[];
  /** Sent as a message of its own to an addressee once it is idle, rather than waiting for its next task. */
  now?: boolean;
  /** The task whose finishing this note reports (a change note). */
  task?: string;
  /** Everyone who has read it (its author included), oldest first. */
  readBy: NoteParty[];
  /** Workers it was delivered to. */
  deliveries: NoteDelivery[];
}

/** A notes message sent to a worker: begun, not settled. */
export interface PendingNoteMessage {
  key: string;
  worker: string;
  paneId: string;
  notes: string[];
  text: string;
  at: number;
}

/** One line of the board's journal (`notes.jsonl`). */
export type NoteEvent =
  /** A note; its id is its place among the posts, so concurrent writers need no lock. `key` lets the poster find it. */
  | {
      type: 'post'; at: number; key: string; author: NoteParty; text: string; to: string[];
      topic?: string; tags?: string[]; now?: boolean; task?: string;
    }
  | { type: 'read'; at: number; id: string; reader: NoteParty }
  /** Written before a notes message is pasted: a crash after it leaves a send to check, never to repeat blindly. */
  | { type: 'sending'; at: number; key: string; worker: string; paneId: string; notes: string[]; text: string }
  | { type: 'sent'; at: number; key: string }
  | { type: 'unsent'; at: number; key: string; reason: string };
