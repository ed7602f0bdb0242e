/**
 * Claude Code's state from what it reported itself: the hook events of a
 * worker orch-tui started (see src/reports). Pure: the events are an input.
 */
import { decision, type AgentStateName, type StateDecision } from './agentState.js';
import type { ClaudeSessionFile, ClaudeSessionStatus } from './claudeSessionFiles.js';
import { clip } from './screenLines.js';

/** One hook event, the fields orch-tui reads (Claude Code 2.1.328). */
export interface HookEvent {
  /** When the hook ran, ms since the epoch. */
  at: number;
  /** `hook_event_name`. */
  name: string;
  /** UserPromptSubmit: the text exactly as submitted. */
  prompt?: string;
  /** Stop, StopFailure: the turn's final answer (or the error's words). */
  lastMessage?: string;
  /** StopFailure: `rate_limit`, `authentication_failed`, `server_error`, … */
  error?: string;
  /** PermissionRequest: the tool and, for Bash, its command. */
  toolName?: string;
  command?: string;
  /** Notification: `notification_type` (`permission_prompt`, …) and its message. */
  notification?: string;
  message?: string;
  /** PreCompact, PostCompact: `manual` or `auto`. */
  trigger?: string;
  /** PreCompact: the goal given to /compact. */
  goal?: string;
  /** SessionStart: `startup`, `resume`, `clear`, `compact`. */
  source?: string;
  /** SessionEnd: why. */
  reason?: string;
  /** Every event: the conversation it belongs to (`session_id`; a /clear starts another). */
  sessionId?: string;
}

/** What an event says of the state, or undefined when it says nothing (other notifications). */
function verdictOf(event: HookEvent): StateDecision | undefined {
  const evidence = evidenceOf(event);
  switch (event.name) {
    case 'SessionStart':
      return event.source === 'compact' ? undefined : decision('idle', 'idle at its prompt', evidence, 'hooks');
    case 'UserPromptSubmit':
      return decision('working', 'working on a prompt', evidence, 'hooks');
    case 'PermissionRequest':
      return decision('waiting', permissionReason(event), evidence, 'hooks', {
        question: 'Do you want to proceed?', choices: [], ...(event.command ? { command: event.command } : {}),
      });
    case 'Notification':
      return event.notification === 'permission_prompt'
        ? decision('waiting', `waiting for the user (${event.message ?? 'permission'})`, evidence, 'hooks')
        : undefined;
    case 'Stop':
      return decision('idle', 'finished its turn', evidence, 'hooks');
    case 'StopFailure':
      return decision('error', `the last request failed (${event.error ?? 'unknown'}): ${clip(firstSentence(event.lastMessage ?? 'no message'), 70)}`, evidence, 'hooks');
    case 'PreCompact':
      return decision('compacting', 'compacting the conversation', evidence, 'hooks');
    case 'PostCompact':
      // A compaction Claude started itself mid-turn goes back to the turn.
      return event.trigger === 'auto'
        ? decision('working', 'working on after compacting', evidence, 'hooks')
        : decision('idle', 'idle after compacting', evidence, 'hooks');
    case 'SessionEnd':
      return decision('exited', `Claude Code ended (${event.reason ?? 'session end'})`, evidence, 'hooks');
    default:
      return undefined;
  }
}

function permissionReason(event: HookEvent): string {
  return event.command ? `asks permission to run \`${clip(event.command, 60)}\`` : `asks permission to use ${event.toolName ?? 'a tool'}`;
}

/** The event as evidence: its name, the field that decided, and when. */
export function evidenceOf(event: HookEvent): string {
  const detail = event.error !== undefined ? ` error: "${event.error}"`
    : event.command !== undefined ? ` command: "${clip(event.command, 60)}"`
    : event.toolName !== undefined ? ` tool: ${event.toolName}`
    : event.notification !== undefined ? ` notification_type: "${event.notification}"`
    : event.source !== undefined ? ` source: "${event.source}"`
    : event.trigger !== undefined ? ` trigger: "${event.trigger}"`
    : '';
  return `hook ${event.name}${detail} at ${new Date(event.at).toISOString()}`;
}

/** The latest event that says something of the state, with what it says. */
export function latestHookVerdict(events: readonly HookEvent[]): { event: HookEvent; decision: StateDecision } | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const verdict = verdictOf(events[i]!);
    if (verdict) return { event: events[i]!, decision: verdict };
  }
  return undefined;
}

/** Session file statuses a hook verdict agrees with. */
const AGREES: Record<ClaudeSessionStatus, readonly AgentStateName[]> = {
  idle: ['idle', 'error', 'exited'],
  busy: ['working', 'compacting'],
  waiting: ['waiting'],
};

/**
 * The state from hook events, where they decide: the latest event that says
 * something, unless the session file changed status after it to one the
 * event does not agree with (no hook fires when a permission is granted or
 * refused, or a turn is interrupted with Escape: the file is the newer
 * news then). The screen adds what the event does not carry: a permission
 * dialog's choices, the spinner's words, an API error the hooks missed.
 */
export function decideFromHooks(
  events: readonly HookEvent[],
  file: ClaudeSessionFile | undefined,
  screen: StateDecision | undefined,
): StateDecision | undefined {
  const latest = latestHookVerdict(events);
  if (!latest) return undefined;
  const { event, decision: verdict } = latest;
  const fileAt = file ? file.statusUpdatedAt ?? file.updatedAt ?? 0 : 0;
  if (file && fileAt > event.at && !AGREES[file.status].includes(verdict.state)) return undefined;
  const out = refined(verdict, event, screen);
  return out.source === 'hooks' ? { ...out, since: event.at } : out;
}

function refined(verdict: StateDecision, event: HookEvent, screen: StateDecision | undefined): StateDecision {
  switch (verdict.state) {
    case 'waiting': {
      if (!screen?.prompt) return verdict;
      const command = event.command ?? screen.prompt.command;
      return { ...verdict, prompt: { ...screen.prompt, ...(command ? { command } : {}) } };
    }
    case 'working':
      return screen?.state === 'working' ? { ...verdict, reason: screen.reason } : verdict;
    case 'idle':
      // An error the hooks missed, or a dialog they do not report (a question, a picker): the screen says so.
      return screen?.state === 'error' || screen?.state === 'waiting' ? screen : verdict;
    default:
      return verdict;
  }
}

/** "API Error: 529 Overloaded. This is a server-side issue…" → "API Error: 529 Overloaded". */
function firstSentence(text: string): string {
  return text.split(/\.\s/)[0]!.replace(/\.$/, '');
}
