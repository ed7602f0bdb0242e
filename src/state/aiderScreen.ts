/**
 * Aider's screen: a line-oriented chat, so the last non-blank line tells.
 * Sources: aider's io.py (confirm_ask builds "<question> (Y)es/(N)o[/(A)ll/
 * (S)kip all][/(D)on't ask again] [Yes]: ", printing the subject — e.g. the
 * shell command — on the lines above; get_input's prompt is "> ", prefixed
 * by the edit format in some modes, e.g. "architect> ", "ask multi> "),
 * base_coder.py (WaitingSpinner "Waiting for <model>"; "Tokens: … sent, …
 * received." after each reply) and its litellm error reports
 * ("litellm.APIConnectionError: …", "Retrying in 0.5 seconds...").
 */
import { decision, type StateDecision } from './agentState.js';
import { cleanLines, clip, lastIndexMatching, tail } from './screenLines.js';

const BOTTOM = 40;
const CONFIRM = /^(.*?)\s*\(Y\)es\/\(N\)o((?:\/[^/[]+)*)\s*\[[^\]]*\]:\s*\S*$/;
/** The chat prompt, possibly with typed but unsent text. */
const PROMPT = /^(?:[a-z-]+(?: multi)?\s*)?>(?:\s.*)?$/;
const API_ERROR = /^(?:litellm\.\w+(?:Error|Exception)\b|The API provider\b)/;
const TOKENS = /^Tokens: .+ sent, .+ received/;

/** Aider's state from its screen, or undefined for an empty screen. */
export function detectAiderScreen(rawLines: readonly string[]): StateDecision | undefined {
  const lines = tail(cleanLines(rawLines), BOTTOM);
  const lastIndex = lastIndexMatching(lines, (line) => line.trim() !== '');
  if (lastIndex < 0) return undefined;
  const last = lines[lastIndex]!.trim();

  const confirm = CONFIRM.exec(last);
  if (confirm) {
    const question = confirm[1]!;
    const choices = ['(Y)es', '(N)o', ...(confirm[2] ?? '').split('/').map((c) => c.trim()).filter(Boolean)];
    const command = /shell command/i.test(question) ? subjectAbove(lines, lastIndex) : undefined;
    const reason = command ? `asks permission to run \`${clip(command, 60)}\`` : `asks: ${clip(question, 70)}`;
    return decision('waiting', reason, last, 'screen', { question, choices, ...(command ? { command } : {}) });
  }

  if (PROMPT.test(last)) {
    // The reply to the previous prompt sits between it and this one.
    const turn = lines.slice(lastIndexMatching(lines, PROMPT, lastIndex - 1) + 1, lastIndex);
    const errorAt = lastIndexMatching(turn, API_ERROR);
    if (errorAt >= 0 && lastIndexMatching(turn, TOKENS) < errorAt) {
      return decision('error', `the last request failed: ${clip(turn[errorAt]!, 70)}`, turn[errorAt]!.trim(), 'screen');
    }
    const tokens = turn.find((line) => TOKENS.test(line));
    if (tokens) return decision('idle', 'finished its turn', tokens.trim(), 'screen');
    return decision('idle', 'idle at its prompt', last, 'screen');
  }

  const waitingFor = /Waiting for (.+)$/.exec(last);
  if (waitingFor) return decision('working', `waiting for ${clip(waitingFor[1]!, 40)} to answer`, last, 'screen');
  return decision('working', 'printing its reply (no prompt at the bottom)', last, 'screen');
}

/** The subject aider prints (bold) just above a confirmation: the command lines. */
function subjectAbove(lines: string[], index: number): string | undefined {
  const parts: string[] = [];
  for (let i = index - 1; i >= 0 && parts.length < 5 && lines[i]!.trim() !== ''; i--) parts.unshift(lines[i]!.trim());
  return parts.length > 0 ? parts.join('\n') : undefined;
}
