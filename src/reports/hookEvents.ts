import type { HookEvent } from '../state/hookState.js';

/** Events kept per worker: enough for a turn with many permission questions. */
export const MAX_EVENTS = 300;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** One hook input as the report script logged it (`{"at":…,"event":{…}}`), reduced to what orch-tui reads. */
export function parseHookRecord(record: unknown): HookEvent | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const { at, event } = record as { at?: unknown; event?: Record<string, unknown> };
  if (typeof at !== 'number' || typeof event !== 'object' || event === null) return undefined;
  const name = str(event['hook_event_name']);
  if (!name) return undefined;
  const input = event['tool_input'] as Record<string, unknown> | undefined;
  const fields: Record<string, string | undefined> = {
    prompt: str(event['prompt']),
    lastMessage: str(event['last_assistant_message']),
    error: str(event['error']),
    toolName: str(event['tool_name']),
    command: typeof input === 'object' && input !== null ? str(input['command']) : undefined,
    notification: str(event['notification_type']),
    message: str(event['message']),
    trigger: str(event['trigger']),
    goal: str(event['custom_instructions']),
    source: str(event['source']),
    reason: str(event['reason']),
    sessionId: str(event['session_id']),
  };
  const out: Record<string, string | number> = { at, name };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as unknown as HookEvent;
}

function parseLine(line: string): HookEvent | undefined {
  try {
    return parseHookRecord(JSON.parse(line));
  } catch {
    return undefined;
  }
}

/**
 * The events in a piece of an event log, oldest first, at most MAX_EVENTS.
 * A line a full disk cut short is skipped; when the next record was
 * appended right after it (no newline between), that record is still read.
 */
export function parseHookLog(text: string): HookEvent[] {
  const events: HookEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const event = parseLine(line) ?? parseLine(line.slice(Math.max(0, line.lastIndexOf('{"at":'))));
    if (event) events.push(event);
  }
  return events.slice(-MAX_EVENTS);
}
