import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { findWorker } from '../workers/findWorker.js';
import { answerFor } from './answerPrompt.js';
import { observePane } from './observePane.js';

export class NotWaitingError extends Error {}

export interface PromptAnswered {
  worker: string;
  id: string;
  /** The question as it was shown. */
  question: string;
  command?: string;
  /** The choice that was made, e.g. `1. Yes` or `3. No`. */
  answer: string;
}

/**
 * Answer the question a worker waits on (a permission prompt) yes or no, as
 * the dashboard's y / n keys do. Refuses a worker that is not waiting, so a
 * stray "1" never lands in an input box.
 */
export async function answerWorker(adapter: TmuxAdapter, spec: string, yes: boolean): Promise<PromptAnswered> {
  const { pane, name } = await findWorker(adapter, spec);
  const seen = await observePane(adapter, pane.paneId);
  const { state, reason, prompt } = seen.decision;
  if (state !== 'waiting') throw new NotWaitingError(`${name} is not waiting for an answer; it is ${state} (${reason}).`);
  const answer = answerFor(prompt, yes);
  await adapter.run(['send-keys', '-t', pane.paneId, ...answer.keys]);
  return {
    worker: name, id: pane.paneId, question: prompt?.question ?? reason,
    ...(prompt?.command ? { command: prompt.command } : {}), answer: answer.label,
  };
}
