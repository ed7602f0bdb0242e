/**
 * OpenAI Codex CLI's screen. Sources: Codex's own TUI code and snapshots
 * (codex-rs/tui: the status indicator "• Working (5s • esc to interrupt)",
 * errors as "■ <message>", "─ Worked for 8s ─" after a turn) and screens
 * quoted in peers' detectors (ccmanager's stateDetector/codex.test.ts,
 * agent-deck's patterns.go): the approval dialog "Would you like to run the
 * following command?" / "$ cmd" / "› 1. Yes, proceed (y)" / "Press enter to
 * confirm or esc to cancel", and the composer "› Ask Codex to do anything"
 * over a footer with "? for shortcuts" and "NN% context left".
 */
import { decision, type StateDecision } from './agentState.js';
import { choicePrompt } from './choicePrompt.js';
import { cleanLines, clip, lastIndexMatching, tail } from './screenLines.js';

/** The bottom pane plus the last messages; the rest is scrollback. */
const BOTTOM = 30;
const INTERRUPT = /\b(?:esc|ctrl\+c) to interrupt\b/i;
const CONFIRM_FOOTER = /press enter to confirm or esc to cancel|enter to submit( answer)?\b/i;
const QUESTION = /^\s*(?:Would you like to .+\?|Allow .+\?)$/;
/** The composer and the user's past prompts both start with `›`; choices `› 1.` do not count. */
const PROMPT = /^›(?:\s|$)(?!\s*\d+\.\s)/;
const FOOTER_HINT = /\? for shortcuts|context left|⏎ send|newline/i;
const WORKED = /^─\s*(Worked for [^─]+?)\s*─/;
const ERROR = /^■\s+(.*)$/;

/** Codex's state from its screen, or undefined when no known layout shows. */
export function detectCodexScreen(rawLines: readonly string[]): StateDecision | undefined {
  const lines = tail(cleanLines(rawLines), BOTTOM);

  const waiting = approvalDialog(lines);
  if (waiting) return waiting;

  const working = [...lines].reverse().find((line) => INTERRUPT.test(line));
  if (working) {
    const compacting = /compact/i.test(working);
    return decision(compacting ? 'compacting' : 'working', compacting ? 'compacting the conversation' : `working: ${clip(working.replace(/^[•◦·\s]+/, ''), 60)}`, working.trim(), 'screen');
  }

  // The composer sits at the very bottom, over its footer.
  const composer = lastIndexMatching(lines, PROMPT);
  if (composer < 0 || lines.length - composer > 8) return undefined;
  if (composer < lines.length - 1 && !lines.slice(composer + 1).some((line) => FOOTER_HINT.test(line))) return undefined;
  const turn = lines.slice(lastIndexMatching(lines, PROMPT, composer - 1) + 1, composer);
  const lastEvent = [...turn].reverse().find((line) => /^[•■]\s/.test(line));
  const error = lastEvent ? ERROR.exec(lastEvent) : null;
  if (error && !/Conversation interrupted/.test(error[1]!)) {
    return decision('error', `the last turn failed: ${clip(error[1]!, 70)}`, lastEvent!, 'screen');
  }
  const workedLine = [...turn].reverse().find((line) => WORKED.test(line));
  if (workedLine) return decision('idle', `finished its turn (${WORKED.exec(workedLine)![1]})`, workedLine, 'screen');
  return decision('idle', 'idle at its prompt', lines[composer]!.trim(), 'screen');
}

/**
 * A live approval or question dialog: the question (or the confirm footer),
 * numbered choices below it, and no composer below them — an answered
 * dialog scrolls up as history and the composer comes back under it.
 */
function approvalDialog(lines: string[]): StateDecision | undefined {
  const questionIndex = lastIndexMatching(lines, QUESTION);
  const confirmIndex = lastIndexMatching(lines, CONFIRM_FOOTER);
  const start = questionIndex >= 0 ? questionIndex : confirmIndex >= 0 ? Math.max(0, confirmIndex - 15) : -1;
  if (start < 0) return undefined;
  const dialog = lines.slice(start);
  const prompt = choicePrompt(dialog, shellCommand(dialog));
  if (!prompt || dialog.slice(prompt.questionIndex + 1).some((line) => PROMPT.test(line.trim()))) return undefined;
  const { questionIndex: at, ...waiting } = prompt;
  const reason = waiting.command ? `asks permission to run \`${clip(waiting.command, 60)}\`` : `asks: ${clip(waiting.question, 70)}`;
  return decision('waiting', reason, dialog[at]!.trim(), 'screen', waiting);
}

/** `$ git add test.ts` (wrapped lines joined) inside an approval dialog. */
function shellCommand(dialog: string[]): string | undefined {
  const start = dialog.findIndex((line) => /^\s*\$\s+\S/.test(line));
  if (start < 0) return undefined;
  const parts = [dialog[start]!.trim().replace(/^\$\s+/, '')];
  for (let i = start + 1; i < dialog.length && dialog[i]!.trim() !== '' && !/^\s*(?:›\s*)?\d+\.\s/.test(dialog[i]!); i++) {
    parts.push(dialog[i]!.trim());
  }
  return parts.join(' ');
}
