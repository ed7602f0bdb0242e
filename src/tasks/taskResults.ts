import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { answerTo, arrivalOf, findTranscript, readTranscript, userTexts } from '../dispatch/claudeTranscript.js';
import type { ObservedWorker } from './observeWorkers.js';

export const MAX_RESULT_CHARS = 4000;

/** Claude's transcript, when the worker is a Claude whose session file was found. */
export async function transcriptOf(worker: ObservedWorker): Promise<string> {
  const session = worker.seen.session;
  return session ? readTranscript(await findTranscript(session.configDir, session.file.sessionId)) : '';
}

/** Whether the worker shows it received `text` (for a send cut short by a crash). */
export async function wasReceived(adapter: TmuxAdapter, worker: ObservedWorker, text: string): Promise<boolean> {
  if (worker.seen.kind === 'claude') {
    // The text, or its first part (which was then submitted), is in the transcript.
    const kind = arrivalOf(userTexts(await transcriptOf(worker)), text)?.kind;
    return kind === 'whole' || kind === 'partial';
  }
  const firstLine = text.trim().split('\n')[0] ?? '';
  const history = await adapter.run(['capture-pane', '-p', '-J', '-S', '-2000', '-t', worker.pane.paneId]).catch(() => []);
  return firstLine !== '' && history.some((line) => line.includes(firstLine));
}

/**
 * A finished task's result: Claude's last answer to the task, else the
 * output after the line holding the task's text, bounded.
 */
export async function resultOf(adapter: TmuxAdapter, worker: ObservedWorker, sentText: string): Promise<string | undefined> {
  if (worker.seen.kind === 'claude') return answerTo(await transcriptOf(worker), sentText)?.slice(0, MAX_RESULT_CHARS);
  const history = await adapter.run(['capture-pane', '-p', '-J', '-S', '-2000', '-t', worker.pane.paneId]).catch(() => []);
  const lastLine = sentText.trim().split('\n').pop() ?? '';
  let from = -1;
  history.forEach((line, i) => {
    if (lastLine && line.includes(lastLine)) from = i;
  });
  const out = history.slice(from + 1).join('\n').trim();
  return out.slice(-MAX_RESULT_CHARS);
}
