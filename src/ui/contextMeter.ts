import type { ContextUse } from '../reports/contextUse.js';

/** From this much of the window on, the meter is yellow; from the next, red. */
export const CONTEXT_WARN_PERCENT = 60;
export const CONTEXT_FULL_PERCENT = 80;

/** `150k`, `1.2M`: token counts short enough for a header. */
export function formatTokens(tokens: number): string {
  if (tokens >= 999_500) return `${Number((tokens / 1_000_000).toFixed(1))}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}k`;
  return String(tokens);
}

/** The header's word on a context: `ctx 15%`, or `ctx 150k` when the window is not known; its colour. */
export function contextLabel(context: ContextUse): { text: string; color: string | undefined } {
  if (context.percent === undefined) return { text: `ctx ${formatTokens(context.tokens)}`, color: undefined };
  const color = context.percent >= CONTEXT_FULL_PERCENT ? 'red' : context.percent >= CONTEXT_WARN_PERCENT ? 'yellow' : 'green';
  return { text: `ctx ${context.percent}%`, color };
}

/** Two readings of a context say the same. */
export function sameContext(a: ContextUse | undefined, b: ContextUse | undefined): boolean {
  return a === b || (!!a && !!b && a.tokens === b.tokens && a.window === b.window && a.percent === b.percent && a.source === b.source);
}
