import stripAnsi from 'strip-ansi';

const RULE = /^─{10,}/;

/**
 * The text in Claude Code's input box: the lines between the last two
 * horizontal rules, with the `❯ ` prompt taken off. Undefined when the
 * screen shows no input box (a menu, a permission prompt, not started).
 */
export function claudeInputText(lines: readonly string[]): string | undefined {
  const plain = lines.map((l) => stripAnsi(l));
  const rules = plain.flatMap((line, i) => (RULE.test(line.trim()) ? [i] : []));
  const [top, bottom] = rules.slice(-2);
  if (top === undefined || bottom === undefined || bottom - top < 2) return undefined;
  const box = plain.slice(top + 1, bottom);
  if (!/^❯(\s|$)/.test(box[0] ?? '') || /^❯\s+\d+\./.test(box[0] ?? '')) return undefined;
  return box
    .map((line, i) => (i === 0 ? line.replace(/^❯\s?/, '') : line.replace(/^ {2}/, '')))
    .join('\n')
    .trimEnd();
}
