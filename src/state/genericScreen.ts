/**
 * Any program that is not a known agent: tmux's facts decide (dead pane,
 * foreground command), for a shell the terminal's foreground job (from
 * /proc), and the screen adds a question waiting at the bottom.
 */
import { decision, type PaneFacts, type StateDecision } from './agentState.js';
import type { TerminalForeground } from './terminalForeground.js';
import { cleanLines, clip, isShell, lastNonBlank, tail } from './screenLines.js';

/** `Proceed? [y/N]`, `Continue (yes/no)?`, `Password:` as the last line: a program waits for an answer. */
const QUESTION = /(?:\[(?:y\/n|yes\/no)\]|\((?:y\/n|yes\/no)\)|\by\/n\b)\s*[:?]?\s*$|\bpassword(?: for \S+)?:\s*$|\bpassphrase.*:\s*$/i;
/** tmux's own line after a pane's process exits (remain-on-exit). */
const PANE_DEAD = /^Pane is dead \(status (\d+)/;
/** A shell prompt at the bottom: `user@host:~/x$`, `#`, `%`, `❯`, `>`. */
const SHELL_PROMPT = /[$#%❯›>»]$/;

/**
 * The state of a plain program: a dead pane has exited (with its status); a
 * shell whose terminal has a foreground job (a script, a loop, a build,
 * `sleep`) is working, and idle at its prompt; another program in the
 * foreground is working — unless the last line asks a yes/no question or
 * a password. Without /proc's word on a shell, tmux's current command
 * decides; with no pane facts at all (a screen read from a file), the
 * screen alone: a prompt at the bottom is idle, output after it working.
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
  if (pane.foreground && isShell(pane.foreground.program)) return shellTerminal(pane.foreground, pane.alternateOn === true);
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
  if (last === '') return undefined;
  if (SHELL_PROMPT.test(last)) return decision('idle', 'a shell prompt is at the bottom', last, 'screen');
  // What `ls` calls a running script shows just this: its output, no prompt after it.
  return decision('working', 'output with no shell prompt after it: a program is running', last, 'screen');
}

/**
 * A shell's pane: whether its terminal has a foreground job other than the
 * shell itself decides. A full-screen job (an editor) waits for the user.
 */
function shellTerminal(fg: TerminalForeground, alternateOn: boolean): StateDecision {
  const shell = fg.program.replace(/^-/, '');
  if (fg.job) {
    if (alternateOn) return decision('idle', `full-screen program \`${fg.job.name}\` is open`, `${fg.evidence}, alternate_on: 1`, 'proc');
    return decision('working', `\`${fg.job.name}\` runs in the foreground of the shell (${shell})`, fg.evidence, 'proc');
  }
  if (fg.running) return decision('working', `the shell (${shell}) is running a command itself`, fg.evidence, 'proc');
  return decision('idle', `the shell (${shell}) is at its prompt`, fg.evidence, 'proc');
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
