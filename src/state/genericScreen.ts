/**
 * Any program that is not a known agent: tmux's facts decide (dead pane,
 * foreground command), the screen adds a question waiting at the bottom.
 */
import { decision, type PaneFacts, type StateDecision } from './agentState.js';
import { cleanLines, clip, isShell, lastNonBlank, tail } from './screenLines.js';

/** `Proceed? [y/N]`, `Continue (yes/no)?`, `Password:` as the last line: a program waits for an answer. */
const QUESTION = /(?:\[(?:y\/n|yes\/no)\]|\((?:y\/n|yes\/no)\)|\by\/n\b)\s*[:?]?\s*$|\bpassword(?: for \S+)?:\s*$|\bpassphrase.*:\s*$/i;
/** tmux's own line after a pane's process exits (remain-on-exit). */
const PANE_DEAD = /^Pane is dead \(status (\d+)/;
/** A shell prompt at the bottom: `user@host:~/x$`, `#`, `%`, `❯`, `>`. */
const SHELL_PROMPT = /[$#%❯›>»]$/;

/**
 * The state of a plain program: a dead pane has exited (with its status), a
 * shell in the foreground is idle at its prompt, anything else is working —
 * unless its last line asks a yes/no question or a password. With no current
 * command known (a screen read from a file), the screen alone decides, or
 * nothing does.
 */
export function detectGenericScreen(rawLines: readonly string[], pane: PaneFacts): StateDecision | undefined {
  const lines = cleanLines(rawLines);
  if (pane.dead) return deadPane(pane, lines);
  const last = lastNonBlank(lines);
  const command = pane.currentCommand;
  // Before the shell check: a script run by `sh` waiting at `read` is asking, not idle.
  if (QUESTION.test(last)) {
    return decision('waiting', `asks: ${clip(last, 70)}`, last, 'screen', { question: last, choices: [] });
  }
  if (command !== '' && isShell(command)) {
    return decision('idle', `the shell (${command}) is at its prompt`, `pane_current_command: ${command}`, 'tmux');
  }
  if (command !== '') {
    if (pane.alternateOn) return decision('idle', `full-screen program \`${command}\` is open`, `pane_current_command: ${command}, alternate_on: 1`, 'tmux');
    return decision('working', `\`${command}\` is running in the foreground`, `pane_current_command: ${command}`, 'tmux');
  }
  // Screen only (classify): tmux's own line says a pane died.
  const deadLine = tail(lines, 3).find((line) => PANE_DEAD.test(line));
  if (deadLine) return decision('exited', `exited with status ${PANE_DEAD.exec(deadLine)![1]}`, deadLine, 'screen');
  if (last !== '' && SHELL_PROMPT.test(last)) return decision('idle', 'a shell prompt is at the bottom', last, 'screen');
  return undefined;
}

/**
 * A dead pane has exited, with its status when tmux knows it. Whether tmux
 * fills `pane_dead_status` (and prints "Pane is dead (status N, …)") is a
 * race between pty EOF and SIGCHLD, so the screen's line is the fallback.
 */
export function deadPane(pane: PaneFacts, lines: readonly string[] = []): StateDecision {
  if (pane.deadStatus !== undefined) {
    return decision('exited', `exited with status ${pane.deadStatus}`, `pane_dead: 1, pane_dead_status: ${pane.deadStatus}`, 'tmux');
  }
  const deadLine = tail(cleanLines(lines), 3).find((line) => PANE_DEAD.test(line));
  if (deadLine) return decision('exited', `exited with status ${PANE_DEAD.exec(deadLine)![1]}`, deadLine, 'screen');
  return decision('exited', 'exited', 'pane_dead: 1', 'tmux');
}
