import type { WaitingPrompt } from '../state/agentState.js';

export interface PromptAnswer {
  /** What the user is told will be chosen. */
  label: string;
  /** tmux send-keys arguments after `-t PANE`. */
  keys: string[];
}

/**
 * How to answer a worker's question yes or no: a numbered menu takes the
 * number of its Yes / No choice (a choice marked "(esc)" is Escape); a plain
 * y/N question takes `y` or `n` and Enter.
 */
export function answerFor(prompt: WaitingPrompt | undefined, yes: boolean): PromptAnswer {
  const choices = prompt?.choices ?? [];
  const numbered = choices.map((c) => /^\s*(?:❯\s*)?(\d+)\.\s*(.*)$/.exec(c)).filter((m): m is RegExpExecArray => m !== null);
  const pick = yes
    ? numbered.find((m) => /^yes\b/i.test(m[2]!))
    : [...numbered].reverse().find((m) => /^no\b/i.test(m[2]!));
  if (pick) {
    if (/\(esc\)/i.test(pick[2]!)) return { label: `${pick[1]}. ${pick[2]}`, keys: ['Escape'] };
    return { label: `${pick[1]}. ${pick[2]}`, keys: ['-l', '--', pick[1]!] };
  }
  // `y` and `n` as key names are the letters themselves; Enter submits the line.
  return yes ? { label: 'y', keys: ['y', 'Enter'] } : { label: 'n', keys: ['n', 'Enter'] };
}
