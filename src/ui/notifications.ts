import type { Worker } from '../store/orchState.js';
import { finishedText } from './stateStyle.js';

/** What the user is told about, as one line each: entering waiting or error, or finishing a turn. */
export function notificationsFor(before: Record<string, Worker>, after: Record<string, Worker>): string[] {
  const out: string[] = [];
  for (const [id, worker] of Object.entries(after)) {
    const was = before[id];
    if (!was) continue;
    if (worker.state === 'waiting' && was.state !== 'waiting') {
      const what = worker.prompt ? `${worker.prompt.question}${worker.prompt.command ? ` ${worker.prompt.command}` : ''}` : worker.stateReason;
      out.push(`orch-tui: ${worker.name} is waiting for you: ${what}`);
    } else if (worker.state === 'error' && was.state !== 'error') {
      out.push(`orch-tui: ${worker.name} hit an error: ${worker.stateReason}`);
    } else if (worker.finishedAt !== undefined && worker.finishedAt !== was.finishedAt) {
      out.push(`orch-tui: ${finishedText(worker)}`);
    }
  }
  return out;
}

export interface NotifyOptions {
  /** Ring the terminal bell. */
  bell: boolean;
  /** Show a tmux message on the attached clients. */
  tmuxMessage: boolean;
}
