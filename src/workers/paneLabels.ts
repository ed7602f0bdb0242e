/**
 * What a pane runs and where, as people read it, also once it is dead:
 * tmux then reports the last process it saw (`echo`, `env`) and no
 * directory at all, so a dead pane is named by what it was started with.
 */
import path from 'node:path';
import type { PaneInfo } from '../tmux/paneFormat.js';
import { splitCommandWords } from '../dispatch/commandWords.js';

/** `env -u X FOO=1 claude --x` → `claude`: the program a start command runs. */
export function startedProgram(startCommand: string | undefined): string | undefined {
  if (!startCommand) return undefined;
  let words: string[];
  try {
    words = splitCommandWords(startCommand);
  } catch {
    words = startCommand.split(/\s+/);
  }
  let i = 0;
  if (path.basename(words[0] ?? '') === 'env') {
    i = 1;
    while (i < words.length && (words[i]!.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!))) {
      i += words[i] === '-u' ? 2 : 1;
    }
  }
  const program = words[i];
  return program ? path.basename(program) : undefined;
}

/** The pane's command: its foreground program, or for a dead pane the program it was started with. */
export function paneCommand(pane: PaneInfo): string {
  return pane.dead ? startedProgram(pane.startCommand) ?? pane.currentCommand : pane.currentCommand;
}

/** The pane's directory: where it is, or for a dead pane (tmux knows none) where it started. */
export function paneDirectory(pane: PaneInfo): string {
  return pane.currentPath || (pane.dead ? pane.startPath ?? '' : '');
}
