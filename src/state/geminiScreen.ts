/**
 * Google Gemini CLI's screen. Sources: gemini-cli's own components and
 * snapshots (packages/cli/src/ui/components): LoadingIndicator renders
 * "<spinner> <phrase> (esc to cancel, 5s)"; ToolConfirmationMessage asks
 * "Allow execution of: 'rm'?" / "Apply this change?" / "Do you want to
 * proceed?" over "● 1. Allow once … 3. No, suggest changes (esc)"; the
 * InputPrompt shows ">   Type your message or @path/to/file" (`*` in YOLO
 * mode, `!` in shell mode); ErrorMessage prefixes "✕ "; compression shows
 * "Compressing chat history". Peers (ccmanager stateDetector/gemini.ts,
 * agent-deck patterns.go) key on "esc to cancel" and "Type your message" too.
 */
import { decision, type StateDecision } from './agentState.js';
import { choicePrompt, stripBorders } from './choicePrompt.js';
import { cleanLines, clip, lastIndexMatching, tail } from './screenLines.js';

const BOTTOM = 30;
const QUESTION = /^(?:Allow execution of.*\?|Apply this change\?|Do you want to proceed\?|Allow .+\?|Waiting for user confirmation)/;
const CANCEL = /\(esc to cancel\b[^)]*\)|\besc to cancel\b/;
const COMPRESSING = /Compressing chat history/;
/** The input prompt: a mode glyph and the placeholder or typed text. */
const COMPOSER = /^(?:[>*!]|\(r:\))\s+\S/;
/** Messages start with ✦ (Gemini), ✕ (error), ℹ (info) or > (the user). */
const MESSAGE = /^[✦✕ℹ>]\s/;

/** Gemini CLI's state from its screen, or undefined when no known layout shows. */
export function detectGeminiScreen(rawLines: readonly string[]): StateDecision | undefined {
  const lines = tail(cleanLines(rawLines), BOTTOM).map((line) => stripBorders(line).trimEnd());

  const questionIndex = lastIndexMatching(lines, (line) => QUESTION.test(line.trim()));
  if (questionIndex >= 0) {
    const dialog = lines.slice(questionIndex);
    const prompt = choicePrompt(dialog);
    // The input prompt is hidden while a confirmation waits; below one, the question is history.
    if (prompt && !dialog.some((line) => COMPOSER.test(line.trim()))) {
      const question = lines[questionIndex]!.trim();
      const command = /^Allow execution/.test(question) ? commandAbove(lines, questionIndex) : undefined;
      const waiting = { question, choices: prompt.choices, ...(command ? { command } : {}) };
      const reason = command ? `asks permission to run \`${clip(command, 60)}\`` : `asks: ${clip(question, 70)}`;
      return decision('waiting', reason, question, 'screen', waiting);
    }
  }

  const cancel = [...lines].reverse().find((line) => CANCEL.test(line));
  const compressing = lines.find((line) => COMPRESSING.test(line));
  if (compressing && (cancel || lines.indexOf(compressing) > lines.length - 8)) {
    return decision('compacting', 'compressing the chat history', compressing.trim(), 'screen');
  }
  if (cancel) return decision('working', `working: ${clip(cancel.replace(/^\W+/, ''), 60)}`, cancel.trim(), 'screen');

  const composer = lastIndexMatching(lines, (line) => COMPOSER.test(line.trim()));
  if (composer < 0 || lines.length - composer > 10) return undefined;
  const lastMessage = lines.slice(0, composer).reverse().find((line) => MESSAGE.test(line.trim()));
  if (lastMessage && /^✕\s/.test(lastMessage.trim())) {
    return decision('error', `the last turn failed: ${clip(lastMessage.trim().slice(2), 70)}`, lastMessage.trim(), 'screen');
  }
  return decision('idle', 'idle at its prompt', lines[composer]!.trim(), 'screen');
}

/** The command shown above "Allow execution of …?": the contiguous lines just above it. */
function commandAbove(lines: string[], questionIndex: number): string | undefined {
  const parts: string[] = [];
  for (let i = questionIndex - 1; i >= 0 && parts.length < 5; i--) {
    const text = lines[i]!.trim();
    if (text === '' || /^[╭╰─]/.test(text)) break;
    parts.unshift(text);
  }
  return parts.length > 0 ? parts.join('\n') : undefined;
}
