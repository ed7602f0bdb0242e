/**
 * What of an agent's screen is its own furniture rather than the work: in
 * the grid a pane has a few rows, and they should show the task, the
 * latest tool calls and output, and the spinner, not an empty input box,
 * mode lines and blank padding. Pure: plain lines in, the indexes of the
 * lines worth showing out (in order). The zoom view shows the real screen.
 */
import type { AgentKind } from './agentState.js';

/** Claude's full-width rules around the input box (see claudeScreen.ts). */
const RULE = /^─{10,}$/;
/** The input box's first line (not a menu choice). */
const PROMPT_LINE = /^❯(?:\s|$)(?!\s*\d+\.\s)/;
/** The start-up banner: the logo's block characters. */
const BANNER = /[▗▖▘▝▛▜▟▙█]/;
/** A status pushed to the right edge (`◐ medium · /effort`), above the input box. */
const RIGHT_ALIGNED = /^\s{16,}\S/;

/** Indexes of the lines of `lines` (plain text, one per screen row) that are content, for this agent. */
export function contentLines(kind: AgentKind | undefined, lines: readonly string[]): number[] {
  return kind === 'claude' ? claudeContent(lines) : allButTrailingBlanks(lines);
}

function allButTrailingBlanks(lines: readonly string[]): number[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  return Array.from({ length: end }, (_, i) => i);
}

/**
 * Claude Code 2.1.328: drop the idle input box (its two rules, the `❯`
 * line, the footer under it), the right-aligned status above it, the
 * banner and every blank line. A dialog (a permission prompt) in place of
 * the input box is kept: it is what the worker waits on.
 */
function claudeContent(lines: readonly string[]): number[] {
  const clean = lines.map((line) => line.trimEnd());
  let end = clean.length;
  const rules: number[] = [];
  for (let i = 0; i < clean.length; i++) if (RULE.test(clean[i]!)) rules.push(i);
  const top = rules.at(-2);
  if (top !== undefined && PROMPT_LINE.test(clean[top + 1] ?? '')) end = top;
  const keep: number[] = [];
  for (let i = 0; i < end; i++) {
    const line = clean[i]!;
    if (line === '' || BANNER.test(line) || RIGHT_ALIGNED.test(line)) continue;
    keep.push(i);
  }
  return keep;
}
