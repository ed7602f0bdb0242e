/**
 * What a Claude orch-tui started says through its hooks about a message
 * sent to it: whether it arrived (UserPromptSubmit carries the text exactly
 * as submitted), whether its turn ended, and its final answer (Stop's
 * last_assistant_message). Pure: the events are an input.
 */
import type { HookEvent } from '../state/hookState.js';
import type { Submission } from './workerProbe.js';
import { arrivalOf, asClaudeKeepsIt } from './claudeTranscript.js';

/** `/compact goal` → `goal` ('' without one); undefined for any other text. */
export function compactGoalOf(text: string): string | undefined {
  const match = /^\s*\/compact(?:\s+([\s\S]*))?$/.exec(text);
  return match ? (match[1] ?? '').trim() : undefined;
}

/**
 * How a text sent at `since` arrived, by the hooks that fired after it.
 * A prompt: its UserPromptSubmit (whole, only its first part, or another
 * text). `/compact goal`: its PreCompact, whose goal must be this one.
 * `/clear`: the SessionStart it causes. Undefined while they say nothing.
 */
export function arrivalByHooks(events: readonly HookEvent[], since: number, text: string): Submission | undefined {
  const after = events.filter((e) => e.at >= since);
  const goal = compactGoalOf(text);
  if (goal !== undefined) {
    const compact = after.find((e) => e.name === 'PreCompact' && e.trigger !== 'auto');
    if (!compact) return undefined;
    return (compact.goal ?? '').trim() === goal
      ? { kind: 'whole', evidence: 'its PreCompact hook carried the goal' }
      : { kind: 'other', arrived: `/compact ${compact.goal ?? ''}`.trim() };
  }
  if (/^\s*\/clear\s*$/.test(text)) {
    return after.some((e) => e.name === 'SessionStart' && e.source === 'clear') ? { kind: 'whole', evidence: 'its SessionStart hook says it was cleared' } : undefined;
  }
  // Other slash commands fire no UserPromptSubmit (measured with /compact): other evidence decides.
  if (/^\s*\/[a-z]/i.test(text)) return undefined;
  const prompts = after.flatMap((e) => (e.name === 'UserPromptSubmit' && e.prompt !== undefined ? [e.prompt] : []));
  const arrival = arrivalOf(prompts, text);
  if (arrival?.kind === 'whole') return { kind: 'whole', evidence: 'its UserPromptSubmit hook carried the whole message' };
  return arrival;
}

/** The turn a sent text opened, by the hooks: ended (Stop or StopFailure), and Stop's answer. */
export interface ReportedTurn {
  ended: boolean;
  failed: boolean;
  /** Absent while the turn runs, after a failure, or when the answer was too long for the event log. */
  answer?: string;
}

/** The turn of the last UserPromptSubmit that carried `sent`; undefined when no event names it. */
export function turnByHooks(events: readonly HookEvent[], sent: string): ReportedTurn | undefined {
  const want = asClaudeKeepsIt(sent);
  let start = -1;
  events.forEach((e, i) => {
    if (e.name === 'UserPromptSubmit' && e.prompt !== undefined && asClaudeKeepsIt(e.prompt) === want) start = i;
  });
  if (start < 0) return undefined;
  for (const e of events.slice(start + 1)) {
    if (e.name === 'UserPromptSubmit') return { ended: true, failed: false }; // another prompt began: this turn is over, its answer unknown here
    if (e.name === 'Stop') return { ended: true, failed: false, ...(e.lastMessage !== undefined ? { answer: e.lastMessage } : {}) };
    if (e.name === 'StopFailure') return { ended: true, failed: true };
  }
  return { ended: false, failed: false };
}
