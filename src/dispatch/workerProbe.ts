/** What the checked send needs to know about a worker, whatever agent it runs. */
export interface ProbeState {
  state: string;
  reason: string;
}

/**
 * What a worker shows after Enter: the text arrived whole; only its first
 * part arrived (the rest never reached the agent, and its start was already
 * submitted); something else arrived; or it took the message but could not
 * yet say what arrived (keep looking, do not press Enter again).
 */
export type Submission =
  | { kind: 'whole'; evidence: string }
  | { kind: 'partial'; arrived: string }
  | { kind: 'other'; arrived: string }
  | { kind: 'taken'; evidence: string };

export interface WorkerProbe {
  /** The worker's state now (`idle`, `working`, `waiting`, ..., `unknown`). */
  state(): Promise<ProbeState>;
  /** Undefined when the agent can take a paste now; else why not yet (its input box is not showing). */
  notReady?(): Promise<string | undefined>;
  /** A record of the worker just before the paste (what it had received so far). */
  beforePaste?(): Promise<unknown>;
  /** A record of the worker just before Enter is pressed, given the one from before the paste. */
  mark(beforePaste: unknown): Promise<unknown>;
  /**
   * Whether the whole paste sits in the agent's input box, not taken yet,
   * so Enter submits it: an agent slow to read the paste (a loaded machine)
   * must show all of it before Enter, or Enter lands behind a newline of the
   * paste that submitted its first part, and submits the rest on its own.
   */
  pasteShown?(mark: unknown, text: string): Promise<boolean>;
  /** What the worker shows of the text since `mark`, or undefined if nothing yet. */
  submitted(mark: unknown, text: string): Promise<Submission | undefined>;
  /** tmux keys to press after the paste and before Enter, when the agent needs them. */
  beforeEnter?(text: string): string[];
}

/** States in which typing would land in the middle of something. */
export const BUSY_STATES: ReadonlySet<string> = new Set(['working', 'compacting', 'waiting', 'starting']);
