/**
 * Claude Code's screen (checked against 2.1.328): the input box between two
 * `─` rules at the bottom, the footer under it, and above it the current
 * turn — everything after the last `❯ <prompt>` the user sent. Only the
 * current turn and the footer count; older turns are history.
 */
import { decision, type StateDecision } from './agentState.js';
import { choicePrompt } from './choicePrompt.js';
import { contentLines } from './screenChrome.js';
import { cleanLines, clip, lastIndexMatching, tail } from './screenLines.js';

/** Claude's full-width rules around the input box and above dialogs. */
const RULE = /^─{10,}$/;
/** The input box's first line, or a prompt the user sent (history), but not a menu choice. */
const PROMPT_LINE = /^❯(?:\s|$)(?!\s*\d+\.\s)/;
/** Spinner glyphs seen cycling in front of the status line. */
const GLYPH = '[✻✢✽✶✳✺✹✷✸·*]';
/** `✻ Thinking… (1s · ↓ 2 tokens)`, `✢ Compacting conversation… (0s)`: glyph, words, ellipsis. */
const SPINNER = new RegExp(`^${GLYPH}\\s+(\\S[^…]{0,60}….*)$`, 'u');
/** `✻ 529 Overloaded · retrying in 1s · attempt 1/1`. */
const RETRYING = new RegExp(`^${GLYPH}\\s+(.*retrying in \\d+.*)$`, 'u');
/** `✻ Cooked for 6s · done 5:26 AM`, `✻ Worked for 1m 3s`: a finished turn. */
const FINISHED = new RegExp(`^${GLYPH}\\s+(\\p{L}+ for \\d+[hms](?:\\s*\\d+[ms])*)\\b`, 'u');
/** The turn's messages start with `●`; an API failure is one of them. */
const MESSAGE = /^●(?:\s|$)/;
/** How 2.1.328 words a failed request: `API Error: 529 …`, `API Error: Request rejected (429) · …`, `Invalid API key · …`, `Please run /login · …`. */
const FAILURE_WORDS = '(?:API Error\\b|Invalid API key\\b|Please run /login\\b)';
const API_ERROR = new RegExp(`^●\\s+(${FAILURE_WORDS}.*)$`);
/** The same words under the prompt (`⎿  Invalid API key · Fix external API key`, a 401). */
const FAILURE_LINE = new RegExp(`^\\s*[●⎿]\\s+(${FAILURE_WORDS}.*)$`);
/** The input box after a failed request: `Resend your message to try again`, `Once fixed, resend your message`. */
const RESEND_HINT = /^❯\s+(?:Once fixed, )?[Rr]esend your message/;
const EXITED_HINT = /^Resume this session with:/;

/**
 * Claude Code's state from its screen alone, or undefined when the screen
 * shows none of the known layouts (a settings dialog, a newer version).
 */
export function detectClaudeScreen(rawLines: readonly string[]): StateDecision | undefined {
  const lines = cleanLines(rawLines);
  const rules = lines.flatMap((line, i) => (RULE.test(line) ? [i] : []));
  const bottomRule = rules.at(-1);
  const topRule = rules.at(-2);
  if (topRule !== undefined && bottomRule !== undefined && PROMPT_LINE.test(lines[topRule + 1] ?? '')) {
    return fromPromptBox(lines, topRule, bottomRule);
  }
  if (bottomRule !== undefined) {
    const waiting = fromDialog(lines, bottomRule);
    if (waiting) return waiting;
  }
  const exitHint = tail(lines, 12).find((line) => EXITED_HINT.test(line));
  if (exitHint) return decision('exited', 'Claude Code ended; its screen shows how to resume it', exitHint, 'screen');
  return undefined;
}

/** The input box is showing: working, compacting, error or idle, read from the current turn. */
function fromPromptBox(lines: string[], top: number, bottom: number): StateDecision {
  const boxLine = lines[top + 1]!;
  const footer = lines.slice(bottom + 1);
  const turnStart = lastIndexMatching(lines, PROMPT_LINE, top - 1) + 1;
  const turn = lines.slice(turnStart, top);

  const spinner = lastMatch(turn, SPINNER);
  if (spinner && /Compacting conversation/.test(spinner.line)) {
    return decision('compacting', 'compacting the conversation', spinner.line, 'screen');
  }
  const retrying = lastMatch(turn, RETRYING);
  if (retrying) return decision('working', `retrying after an API error (${clip(retrying.groups[1]!, 60)})`, retrying.line, 'screen');
  if (spinner) return decision('working', `working: ${clip(spinner.groups[1]!, 60)}`, spinner.line, 'screen');
  const interrupt = footer.find((line) => /esc to interrupt/.test(line));
  if (interrupt) return decision('working', 'working (its footer offers "esc to interrupt")', interrupt.trim(), 'screen');

  // An API error is current only when it is the turn's last message.
  const lastMessage = [...turn].reverse().find((line) => MESSAGE.test(line));
  const apiError = lastMessage ? API_ERROR.exec(lastMessage) : null;
  if (apiError) return decision('error', `the last request failed: ${clip(firstSentence(apiError[1]!), 70)}`, lastMessage!, 'screen');
  if (RESEND_HINT.test(boxLine)) {
    const said = [...turn].reverse().map((line) => FAILURE_LINE.exec(line)).find((m) => m !== null);
    return said
      ? decision('error', `the last request failed: ${clip(firstSentence(said[1]!), 70)}`, said[0].trim(), 'screen')
      : decision('error', 'the last request failed; it offers to resend it', boxLine, 'screen');
  }

  const finished = lastMatch(turn, FINISHED);
  if (finished) return decision('idle', `finished its turn (${finished.groups[1]})`, finished.line, 'screen');
  return decision('idle', 'idle at its prompt', boxLine, 'screen');
}

/**
 * No input box: a permission or question dialog replaces it, below the last
 * rule. A Bash command is shown between two `╌` rules inside the dialog.
 */
function fromDialog(lines: string[], rule: number): StateDecision | undefined {
  const dialog = lines.slice(rule + 1);
  const command = dashedBoxText(dialog) ?? lastShellLine(lines.slice(0, rule));
  const prompt = choicePrompt(dialog, command);
  if (!prompt) return undefined;
  const { questionIndex, ...waiting } = prompt;
  const reason = command ? `asks permission to run \`${clip(command, 60)}\`` : `asks: ${clip(waiting.question, 70)}`;
  return decision('waiting', reason, dialog[questionIndex]!.trim(), 'screen', waiting);
}

/** The text between the first two `╌` rules: Claude's box around a Bash command. */
function dashedBoxText(lines: string[]): string | undefined {
  const dashed = lines.flatMap((line, i) => (/^\s*╌{5,}\s*$/.test(line) ? [i] : []));
  if (dashed.length < 2) return undefined;
  const text = lines.slice(dashed[0]! + 1, dashed[1]).map((l) => l.trim()).filter(Boolean).join('\n');
  return text || undefined;
}

/** `⎿  $ rm -rf build && npm test` above the dialog: the tool call being asked about. */
function lastShellLine(lines: string[]): string | undefined {
  const found = tail(lines, 10).reverse().map((line) => /^\s*(?:⎿\s+)?\$\s+(\S.*)$/.exec(line)).find(Boolean);
  return found?.[1]?.trim();
}

function lastMatch(lines: string[], pattern: RegExp): { line: string; groups: RegExpExecArray } | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const groups = pattern.exec(lines[i]!);
    if (groups) return { line: lines[i]!, groups };
  }
  return undefined;
}

/** "API Error: 529 Overloaded. This is a server-side issue…" → "API Error: 529 Overloaded". */
function firstSentence(text: string): string {
  return text.split(/\.\s/)[0]!.replace(/\.$/, '');
}

/** A tool call in the conversation: `● Bash(npm test)`, `● Read(ui/App.tsx)`. */
const TOOL_CALL = /^●\s+[A-Z][\w.]*\(.*\)$/;

/**
 * The answer a Claude screen shows to the prompt `sent`: the last `●`
 * message of that turn that is not a tool call, its indented lines joined.
 * For a Claude whose transcript cannot be read (no session file found, or
 * the demo's look-alike). Undefined when the prompt or an answer is not on
 * the screen.
 */
export function answerOnScreen(rawLines: readonly string[], sent: string): string | undefined {
  const lines = cleanLines(rawLines);
  const words = sent.trim().replace(/\s+/g, ' ');
  // The prompt as shown: `❯ ` and the text's start, wrapped by the agent at its width.
  const start = lastIndexMatching(lines, (line) => {
    const shown = /^❯\s+(\S.*)$/.exec(line)?.[1]?.replace(/\s+/g, ' ');
    return shown !== undefined && words.startsWith(shown.slice(0, Math.min(shown.length, 30)));
  });
  if (start === -1) return undefined;
  const next = lines.findIndex((line, i) => i > start && (RULE.test(line) || PROMPT_LINE.test(line)));
  const turn = lines.slice(start + 1, next === -1 ? lines.length : next);
  let answer: string | undefined;
  turn.forEach((line, i) => {
    if (!MESSAGE.test(line) || TOOL_CALL.test(line) || line.trim() === '●') return;
    const block = [line.replace(/^●\s+/, '')];
    for (const more of turn.slice(i + 1)) {
      if (!/^ {2}\S/.test(more) || /^\s*⎿/.test(more)) break;
      block.push(more.trim());
    }
    answer = block.join(' ');
  });
  return answer;
}

/**
 * The last line of what Claude said or did, above its input box and
 * footer (which are the same on every screen), leaving out its start-up
 * banner and the status at the right edge (`◐ medium · /effort`): empty
 * when it has said nothing yet. Undefined when the screen shows no input
 * box.
 */
export function latestClaudeLine(rawLines: readonly string[]): string | undefined {
  const lines = cleanLines(rawLines);
  const rules = lines.flatMap((line, i) => (RULE.test(line) ? [i] : []));
  const top = rules.at(-2);
  if (top === undefined || !PROMPT_LINE.test(lines[top + 1] ?? '')) return undefined;
  const said = contentLines('claude', lines).filter((i) => i < top);
  return said.length ? lines[said.at(-1)!]!.trim() : '';
}
