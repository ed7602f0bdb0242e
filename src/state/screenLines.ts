/**
 * Shared reading of captured screens: ANSI stripped, trailing blanks gone,
 * and the bottom of the screen (where an agent's current state lives).
 */
import stripAnsi from 'strip-ansi';

/** Lines without ANSI escapes, carriage returns or trailing spaces; trailing blank lines dropped. */
export function cleanLines(lines: readonly string[]): string[] {
  const out = lines.map((line) => stripAnsi(line).replace(/\r/g, '').trimEnd());
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Splits a captured screen into lines (a trailing newline does not add an empty line). */
export function splitScreen(text: string): string[] {
  return text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
}

/** The last `count` lines: history above them is not the current state. */
export function tail(lines: readonly string[], count: number): string[] {
  return lines.slice(Math.max(0, lines.length - count));
}

/** Index of the last line matching `pattern` (a regex or a predicate) at or before `from`, or -1. */
export function lastIndexMatching(
  lines: readonly string[],
  pattern: RegExp | ((line: string) => boolean),
  from = lines.length - 1,
): number {
  const matches = typeof pattern === 'function' ? pattern : (line: string) => pattern.test(line);
  for (let i = Math.min(from, lines.length - 1); i >= 0; i--) if (matches(lines[i]!)) return i;
  return -1;
}

/** The last non-blank line, trimmed ('' for an empty screen). */
export function lastNonBlank(lines: readonly string[]): string {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.trim() !== '') return lines[i]!.trim();
  return '';
}

/** Cuts a line for use in a one-sentence reason. */
export function clip(text: string, max = 80): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** tmux's pane_current_command values that mean "a shell at its prompt". */
const SHELLS = new Set(['bash', 'zsh', 'sh', 'fish', 'dash', 'ksh', 'mksh', 'tcsh', 'csh', 'nu', 'ash']);

/** True for a shell's name; a login shell's leading `-` is ignored. */
export function isShell(command: string): boolean {
  return SHELLS.has(command.replace(/^-/, ''));
}
