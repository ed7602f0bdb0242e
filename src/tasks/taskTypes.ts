/** The orchestration vocabulary: tasks, their states, and the journal's events. */

/**
 * `interrupted`: it was in flight when its worker's tmux server went, and
 * the restored worker's conversation does not show it arrived: it waits
 * for `task retry` (or `--retry-interrupted`), never sent again blindly.
 */
export type TaskState = 'queued' | 'sent' | 'done' | 'failed' | 'cancelled' | 'interrupted';

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

/**
 * A `/compact` sent to a task's worker before the task, because its
 * context was over the worker's policy. Journaled like a send: `sending`
 * before the paste, so a restart checks whether it arrived rather than
 * sending it again.
 */
export interface Compaction {
  state: 'sending' | 'sent' | 'done' | 'failed';
  goal: string;
  /** How full the context was when it was decided, in percent. */
  percent: number;
  /** When it was decided (before the paste), ms since the epoch. */
  at: number;
  finishedAt?: number;
  /** How full the context was once compacted, when known. */
  percentAfter?: number;
  reason?: string;
}

/** When a worker's context is compacted before its next task (a team file's compact_at and compact_goal). */
export interface CompactPolicy {
  /** Compact when the context is at least this full, in percent. */
  compactAt?: number;
  /** The goal of that /compact; without it, the next task's text. */
  compactGoal?: string;
  team?: string;
}

export interface Task {
  /** Short, stable: `t1`, `t2`, ... or a name from a team file. */
  id: string;
  /** The worker's name (a session name, as in `ls`). */
  worker: string;
  /** As written; `{{result:ID}}` is filled in when the task is sent. */
  text: string;
  /** A short name for reports; without one the report uses the text's first sentence. */
  title?: string;
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
  /** The /compact sent to its worker before it, if one was. */
  compaction?: Compaction;
  /**
   * It had reached its worker, which was restored with its conversation
   * but without the turn that was under way: what goes next is a request
   * to carry on with it, not the task again.
   */
  continues?: boolean;
}

/** One line of the journal. Replayed in order, they rebuild every task. */
export type JournalEvent =
  | { type: 'add'; at: number; id: string; worker: string; text: string; after: string[]; team?: string; by?: 'agent'; server?: ServerLife; title?: string }
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
  /**
   * A task of an earlier server life whose worker was restored on this
   * one (`server`): still queued; to be carried on (`continue`: it had
   * arrived, its turn was cut); or `interrupted` (nothing shows it arrived).
   */
  | { type: 'carried'; at: number; id: string; server: ServerLife; outcome: 'queued' | 'continue' | 'interrupted'; reason?: string }
  /** Gone from the queue (`task rm`, `task clear`, `down`); its id is not handed out again. */
  | { type: 'remove'; at: number; id: string }
  /** A worker's compaction policy, from a team file (`id` is the worker's name); neither field: none. */
  | { type: 'compact-policy'; at: number; id: string; compactAt?: number; compactGoal?: string; team?: string }
  /** Written before `/compact <goal>` is pasted into the worker of task `id`, ahead of the task. */
  | { type: 'compact'; at: number; id: string; paneId: string; goal: string; percent: number }
  | { type: 'compact-sent'; at: number; id: string }
  /** A begun /compact that, checked, never reached the worker: it may be decided again. */
  | { type: 'compact-unsent'; at: number; id: string; reason: string }
  | { type: 'compacted'; at: number; id: string; percentAfter?: number }
  | { type: 'compact-failed'; at: number; id: string; reason: string };
