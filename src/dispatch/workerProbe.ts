/** What the checked send needs to know about a worker, whatever agent it runs. */
export interface ProbeState {
  state: string;
  reason: string;
}

export interface WorkerProbe {
  /** The worker's state now (`idle`, `working`, `waiting`, ..., `unknown`). */
  state(): Promise<ProbeState>;
  /** A record of the worker just before Enter is pressed. */
  mark(): Promise<unknown>;
  /** Evidence that the text was submitted since `mark`, or undefined if none yet. */
  submitted(mark: unknown, text: string): Promise<string | undefined>;
  /** tmux keys to press after the paste and before Enter, when the agent needs them. */
  beforeEnter?(text: string): string[];
}

/** States in which typing would land in the middle of something. */
export const BUSY_STATES: ReadonlySet<string> = new Set(['working', 'compacting', 'waiting', 'starting']);
