/** The orchestration vocabulary: tasks, their states, and the journal's events. */

export type TaskState = 'queued' | 'sent' | 'done' | 'failed' | 'cancelled';

/**
 * One life of a tmux server: its pid and start time (`#{pid}`,
 * `#{start_time}`). A server started later on the same socket is another
 * life, with pane and session names that mean nothing to the old one's tasks.
 */
export interface ServerLife {
  pid: number;
  /** Seconds since the epoch. */
  startedAt: number;
}

export interface Task {
  /** Short, stable: `t1`, `t2`, ... or a name from a team file. */
  id: string;
  /** The worker's name (a session name, as in `ls`). */
  worker: string;
  /** As written; `{{result:ID}}` is filled in when the task is sent. */
  text: string;
  /** Tasks that must be done before this one is sent. */
  after: string[];
  state: TaskState;
  /** ms since the epoch. */
  times: { added: number; sent?: number; finished?: number };
  /** The worker's final answer (Claude: its last message; others: output since the send, bounded). */
  result?: string;
  /** Why it failed or was cancelled. */
  reason?: string;
  /** The text actually sent, after `{{result:ID}}` was filled in. */
  sentText?: string;
  /** The team file that queued it, if any. */
  team?: string;
  /** `agent` when an orchestrating agent queued it (MCP): it may go only to a managed worker that takes text from agents. */
  by?: 'agent';
  /** The server it was queued (or last retried) on; it is never sent on another. Absent in journals older than this field. */
  server?: ServerLife;
}

/** One line of the journal. Replayed in order, they rebuild every task. */
export type JournalEvent =
  | { type: 'add'; at: number; id: string; worker: string; text: string; after: string[]; team?: string; by?: 'agent'; server?: ServerLife }
  /** Written before the paste: a crash after it leaves a send to check, never to repeat blindly. */
  | { type: 'sending'; at: number; id: string; paneId: string; text: string; /** Ids of the notes prepended to the text. */ notes?: string[] }
  | { type: 'sent'; at: number; id: string }
  /** A begun send that, checked, never reached the worker: it may go again. */
  | { type: 'unsent'; at: number; id: string; reason: string }
  | { type: 'done'; at: number; id: string; result: string }
  | { type: 'failed'; at: number; id: string; reason: string }
  | { type: 'cancel'; at: number; id: string }
  /** Queued again (a failed, cancelled or done task), on the server named. */
  | { type: 'retry'; at: number; id: string; server?: ServerLife }
  /** Gone from the queue (`task rm`, `task clear`, `down`); its id is not handed out again. */
  | { type: 'remove'; at: number; id: string };
