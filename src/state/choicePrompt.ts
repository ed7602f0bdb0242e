/**
 * Numbered-choice prompts ("❯ 1. Yes / 2. No", "› 1. Yes, proceed (y)",
 * "● 1. Allow once"): Claude Code, Codex and Gemini all ask this way.
 */
import type { WaitingPrompt } from './agentState.js';

/** A choice line: an optional cursor glyph, a number, a dot, the text. */
const CHOICE = /^(\s*(?:[❯›●>▶]\s*)?)(\d{1,2})\.\s+(\S.*)$/;

/** Where a run of numbered choices sits, and their texts. */
export interface ChoiceBlock {
  /** Index of the line holding choice 1. */
  firstIndex: number;
  /** Index of the last line of the last choice. */
  lastIndex: number;
  /** "1. Yes", "2. No": numbers kept, so `y`/`n` keys can be mapped to them. */
  choices: string[];
}

/**
 * The last block of numbered choices (1, 2, …) in `lines`. A wrapped choice
 * continues on lines indented at least as far as its text; they are joined.
 */
export function findChoices(lines: readonly string[]): ChoiceBlock | undefined {
  let found: ChoiceBlock | undefined;
  let i = 0;
  while (i < lines.length) {
    const first = CHOICE.exec(lines[i]!);
    if (!first || first[2] !== '1') { i++; continue; }
    const block: ChoiceBlock = { firstIndex: i, lastIndex: i, choices: [] };
    let expected = 1;
    let textColumn = 0;
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      const match = CHOICE.exec(line);
      if (match && Number(match[2]) === expected) {
        block.choices.push(`${match[2]}. ${squash(match[3]!)}`);
        textColumn = match[1]!.length + match[2]!.length + 2;
        block.lastIndex = i;
        expected++;
      } else if (block.choices.length > 0 && line.trim() !== '' && !match && indentOf(line) >= textColumn) {
        block.choices[block.choices.length - 1] += ` ${squash(line)}`;
        block.lastIndex = i;
      } else break;
    }
    if (block.choices.length >= 2) found = block;
  }
  return found;
}

/**
 * The question a choice block answers: the nearest line ending in `?` within
 * a few lines above it, else the nearest non-blank line above it.
 */
export function questionAbove(lines: readonly string[], index: number, reach = 10): { text: string; index: number } | undefined {
  let fallback: { text: string; index: number } | undefined;
  for (let i = index - 1; i >= Math.max(0, index - reach); i--) {
    const text = stripBorders(lines[i]!).trim();
    if (text === '') continue;
    if (text.endsWith('?')) return { text, index: i };
    fallback ??= { text, index: i };
  }
  return fallback;
}

/** A waiting prompt from the last choice block, or undefined when there is none. */
export function choicePrompt(lines: readonly string[], command?: string): (WaitingPrompt & { questionIndex: number }) | undefined {
  const block = findChoices(lines);
  if (!block) return undefined;
  const question = questionAbove(lines, block.firstIndex);
  return {
    question: question?.text ?? '',
    questionIndex: question?.index ?? block.firstIndex,
    choices: block.choices,
    ...(command ? { command } : {}),
  };
}

/** Removes a box's side borders (`│ text │`), which Gemini and others draw. */
export function stripBorders(line: string): string {
  return line.replace(/^\s*[│┃|]\s?/, '').replace(/\s?[│┃|]\s*$/, '');
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function squash(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}
