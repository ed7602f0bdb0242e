import sliceAnsi from 'slice-ansi';
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
 * A finished task's result: Claude's last answer to the task; for a shell
 * back at its prompt, the command's output without that prompt; else the
 * output after the line holding the task's text, bounded.
 */
export async function resultOf(adapter: TmuxAdapter, worker: ObservedWorker, sentText: string): Promise<string | undefined> {
  if (worker.seen.kind === 'claude') return answerTo(await transcriptOf(worker), sentText)?.slice(0, MAX_RESULT_CHARS);
  const history = await adapter.run(['capture-pane', '-p', '-J', '-S', '-2000', '-t', worker.pane.paneId]).catch(() => []);
  const { state, source } = worker.seen.decision;
  const prompt = state === 'idle' && source === 'proc' ? await promptOf(adapter, worker.pane.paneId) : '';
  return outputAfter(history, sentText, prompt);
}

/** What a shell at its prompt shows left of the cursor: its prompt (the last row of it), after any output that did not end with a newline. */
async function promptOf(adapter: TmuxAdapter, paneId: string): Promise<string> {
  const [cursor = ''] = await adapter.run(['display-message', '-p', '-t', paneId, '#{cursor_x} #{cursor_y}']).catch(() => []);
  const [x, y] = cursor.split(' ').map(Number);
  if (!Number.isInteger(x) || !Number.isInteger(y)) return '';
  const rows = await adapter.run(['capture-pane', '-p', '-t', paneId]).catch(() => [] as string[]);
  return sliceAnsi(rows[y!] ?? '', 0, x!);
}

/**
 * The lines after the one holding the text's last line, blank lines at
 * either end dropped, and the shell's prompt taken off the end. The prompt
 * is what the shell shows left of its cursor (`cursorRow`); when the line the
 * text was typed on starts with the same prompt, only that much is taken
 * off, so output that did not end with a newline (and so shares the
 * prompt's row) is kept. Pure.
 */
export function outputAfter(history: readonly string[], sentText: string, cursorRow: string): string {
  const lines = sentText.trim().split('\n');
  const lastLine = lines[lines.length - 1]?.trim() ?? '';
  const firstLine = lines[0]?.trim() ?? '';
  let from = -1;
  history.forEach((line, i) => {
    if (lastLine && line.includes(lastLine)) from = i;
  });
  let typedAt = -1;
  history.forEach((line, i) => {
    if (firstLine && i <= from && line.includes(firstLine)) typedAt = i;
  });
  const typedPrompt = typedAt >= 0 ? history[typedAt]!.slice(0, history[typedAt]!.indexOf(firstLine)).trimEnd() : '';
  const prompt = typedPrompt !== '' && cursorRow.trimEnd().endsWith(typedPrompt) ? typedPrompt : cursorRow.trimEnd();
  const out = history.slice(from + 1).map((line) => line.trimEnd());
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  if (prompt !== '' && out.length > 0 && out[out.length - 1]!.endsWith(prompt)) {
    out[out.length - 1] = out[out.length - 1]!.slice(0, -prompt.length).trimEnd();
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
  }
  while (out.length > 0 && out[0] === '') out.shift();
  return out.join('\n').slice(-MAX_RESULT_CHARS);
}
