import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** `<config>/projects/<dir>/<sessionId>.jsonl`, found by session id (the dir name is Claude's own mangling of the cwd). */
export async function findTranscript(configDir: string, sessionId: string | undefined): Promise<string | undefined> {
  if (!sessionId) return undefined;
  const projects = path.join(configDir, 'projects');
  const dirs = await readdir(projects).catch(() => [] as string[]);
  for (const dir of dirs) {
    const file = path.join(projects, dir, `${sessionId}.jsonl`);
    if (await stat(file).then(() => true, () => false)) return file;
  }
  return undefined;
}

interface Entry {
  type?: string;
  subtype?: string;
  timestamp?: string;
  isSidechain?: boolean;
  isMeta?: boolean;
  isCompactSummary?: boolean;
  message?: { role?: string; content?: unknown; stop_reason?: string | null };
}

function textsOf(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return (content as Array<{ type?: string; text?: string }>).flatMap((b) => (b.type === 'text' && b.text ? [b.text] : []));
}

/** The transcript's entries; a half-written last line is skipped. */
export function parseTranscript(text: string): Entry[] {
  const entries: Entry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as Entry);
    } catch {
      // a line still being written
    }
  }
  return entries;
}

/** What Claude Code writes as a user entry for a slash command it ran itself: `<command-name>`, its output, its caveat. */
const OWN_COMMAND_RECORD = /^\s*<(command-name|command-message|command-args|local-command-stdout|local-command-stderr|local-command-caveat)>/;

/**
 * The user messages' texts in transcript text: what was typed or pasted.
 * Not what Claude Code writes in the user's name itself (measured on
 * 2.1.328 after a `/compact`: the summary marked `isCompactSummary`, a
 * caveat marked `isMeta`, the command and its `<local-command-stdout>`,
 * written after the compaction's boundary): a message sent right after a
 * compaction must not be taken for a different one. With `sinceMs`, only
 * the messages Claude took at or after it: Claude appends to its transcript
 * a moment late (after the turn's Stop hook, at times), so the previous
 * message can land after a mark taken for the next one.
 */
export function userTexts(text: string, sinceMs?: number): string[] {
  const taken = (e: Entry) => sinceMs === undefined || !(Date.parse(e.timestamp ?? '') < sinceMs);
  return parseTranscript(text)
    .filter((e) => e.type === 'user' && e.message?.role === 'user' && !e.isMeta && !e.isCompactSummary && taken(e))
    .flatMap((e) => textsOf(e.message?.content))
    .filter((t) => !OWN_COMMAND_RECORD.test(t));
}

/**
 * What Claude Code makes of a typed or pasted text before it keeps it
 * (measured on 2.1.328): a multi-line paste may be framed as
 * `<pasted_content id="…">` (the bytes inside are the text), a tab becomes
 * four spaces, trailing whitespace is trimmed.
 */
export function asClaudeKeepsIt(text: string): string {
  const framed = /^\s*<pasted_content id="([^"]+)">\n([\s\S]*)\n<\/pasted_content id="\1">\n?$/.exec(text);
  return (framed ? framed[2]! : text).replace(/\t/g, '    ').trimEnd();
}

/** How a text arrived, compared with what was sent. */
export type Arrival = { kind: 'whole' } | { kind: 'partial'; arrived: string } | { kind: 'other'; arrived: string };

/**
 * Compare the user messages that arrived with the text that was sent: the
 * whole text, only its beginning (a paste cut at a newline: the rest never
 * reached the agent), or something else. Undefined when none arrived.
 */
export function arrivalOf(arrived: readonly string[], sent: string): Arrival | undefined {
  const want = asClaudeKeepsIt(sent);
  const kept = arrived.map(asClaudeKeepsIt).filter((t) => t !== '');
  if (kept.length === 0) return undefined;
  if (kept.includes(want)) return { kind: 'whole' };
  const partial = kept.find((t) => want.startsWith(t));
  if (partial !== undefined) return { kind: 'partial', arrived: partial };
  return { kind: 'other', arrived: kept[kept.length - 1]! };
}

/** Where the last user message holding `sent` starts; -1 when none does. */
function lastMessageWith(entries: readonly Entry[], sent: string): number {
  const want = asClaudeKeepsIt(sent);
  const probe = want.slice(0, 200);
  let start = -1;
  entries.forEach((e, i) => {
    if (e.type !== 'user' || e.message?.role !== 'user') return;
    if (textsOf(e.message.content).some((t) => asClaudeKeepsIt(t).includes(probe))) start = i;
  });
  return start;
}

/** Stop reasons that end a turn (a tool call does not). */
const TURN_ENDS = new Set(['end_turn', 'stop_sequence', 'max_tokens', 'refusal']);

/** The turn a message started: its final answer so far, and whether the turn is over. */
export interface Turn {
  answer: string | undefined;
  /** The transcript says the turn ended: its answer is final. */
  ended: boolean;
}

/**
 * The turn that the last user message holding `sent` started. The answer is
 * the text of the last main-chain assistant entry after it; the turn ended
 * when Claude wrote its `turn_duration` record, or when the last assistant
 * entry stopped for good (not for a tool call). Undefined when the message
 * is not in the transcript. Claude writes its session file's `idle` before
 * the turn's last lines reach the transcript: a result read on `idle` alone
 * can be empty (that is how a task once went out without the result it
 * carried).
 */
export function turnOf(text: string, sent: string): Turn | undefined {
  const entries = parseTranscript(text);
  const start = lastMessageWith(entries, sent);
  if (start < 0) return undefined;
  let answer: string | undefined;
  let ended = false;
  let lastStop: string | null | undefined;
  for (const e of entries.slice(start + 1)) {
    if (e.isSidechain) continue;
    if (e.type === 'system' && e.subtype === 'turn_duration') ended = true;
    if (e.type === 'assistant' && e.message?.role === 'assistant') {
      lastStop = e.message.stop_reason;
      const texts = textsOf(e.message.content);
      if (texts.length) answer = texts.join('\n');
    }
    if (e.type === 'user' && e.message?.role === 'user') lastStop = undefined;
  }
  if (lastStop && TURN_ENDS.has(lastStop)) ended = true;
  return { answer, ended };
}

/** The final answer to a message so far (see {@link turnOf}); undefined while there is none. */
export function answerTo(text: string, sent: string): string | undefined {
  return turnOf(text, sent)?.answer;
}

export async function readTranscript(file: string | undefined): Promise<string> {
  return file ? readFile(file, 'utf8').catch(() => '') : '';
}
