/**
 * How full a Claude's context is, and what it has cost, from what it
 * reports: its status line input (a worker orch-tui started), else its
 * transcript's last main-chain assistant usage. Pure.
 */

export interface ContextUse {
  /** Tokens in the context: input + cache creation + cache read of the latest request. */
  tokens: number;
  /** The model's context window, when it can be told; never guessed. */
  window?: number;
  /** tokens / window, in whole percent, when the window is known. */
  percent?: number;
  source: 'statusline' | 'transcript';
}

/** The fields of Claude Code's status line input orch-tui reads. */
export interface StatusLineInput {
  modelId?: string;
  transcriptPath?: string;
  windowSize?: number;
  usedPercentage?: number;
  /** Null until the first reply. */
  tokens?: number;
  costUsd?: number;
}

export interface Usage {
  input_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The context a request used: what it read, whether fresh or from the cache. */
export function contextTokens(usage: Usage): number {
  return (num(usage.input_tokens) ?? 0) + (num(usage.cache_creation_input_tokens) ?? 0) + (num(usage.cache_read_input_tokens) ?? 0);
}

/** Reads Claude Code 2.1.328's status line JSON (`context_window`, `cost`, `model`). */
export function parseStatusLine(raw: unknown): StatusLineInput | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, any>;
  const window = r['context_window'] ?? {};
  const usage = window['current_usage'];
  const out: StatusLineInput = {};
  if (typeof r['model']?.id === 'string') out.modelId = r['model'].id;
  if (typeof r['transcript_path'] === 'string') out.transcriptPath = r['transcript_path'];
  const windowSize = num(window['context_window_size']);
  if (windowSize !== undefined && windowSize > 0) out.windowSize = windowSize;
  const used = num(window['used_percentage']);
  if (used !== undefined) out.usedPercentage = used;
  if (typeof usage === 'object' && usage !== null) out.tokens = contextTokens(usage as Usage);
  const cost = num(r['cost']?.['total_cost_usd']);
  if (cost !== undefined) out.costUsd = cost;
  return out;
}

/** The context as the status line says it; undefined before the first reply. */
export function contextFromStatusLine(status: StatusLineInput): ContextUse | undefined {
  if (status.tokens === undefined) return undefined;
  const window = status.windowSize;
  const percent = status.usedPercentage ?? (window ? percentOf(status.tokens, window) : undefined);
  return { tokens: status.tokens, ...(window ? { window } : {}), ...(percent !== undefined ? { percent } : {}), source: 'statusline' };
}

/** The context from a transcript's usage, with the window only when the model's is known. */
export function contextFromUsage(tokens: number, window: number | undefined): ContextUse {
  return window ? { tokens, window, percent: percentOf(tokens, window), source: 'transcript' } : { tokens, source: 'transcript' };
}

/** Whole percent, as Claude's own `used_percentage` rounds it. */
export function percentOf(tokens: number, window: number): number {
  return Math.round((tokens * 100) / window);
}

/**
 * Whether a transcript's latest usage is fresher than the status line's
 * reading. Claude redraws its status line a moment after a reply, at times
 * after the turn's Stop hook: a task that follows at once must not be
 * judged by the reading before it. The transcript wins only when it was
 * written after the status line and says another number. Pure.
 */
export function transcriptIsFresher(
  status: { context: ContextUse | undefined; writtenAtMs: number },
  transcript: { tokens: number; writtenAtMs: number },
): boolean {
  return !status.context || (transcript.writtenAtMs > status.writtenAtMs && transcript.tokens !== status.context.tokens);
}
