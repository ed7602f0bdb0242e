import type { AgentStateName } from '../state/agentState.js';
import type { Worker } from '../store/orchState.js';

/** The badge colour of each state. */
export const STATE_COLOR: Record<AgentStateName, string> = {
  starting: 'blue',
  working: 'yellow',
  idle: 'green',
  waiting: 'magenta',
  compacting: 'cyan',
  error: 'red',
  exited: 'gray',
  unknown: 'gray',
};

/** States that show a spinner. */
export const BUSY: ReadonlySet<AgentStateName> = new Set(['working', 'compacting', 'starting']);

/** How long a finished turn stays in the attention strip. */
export const FINISHED_ATTENTION_MS = 5 * 60_000;

export type AttentionKind = 'waiting' | 'error' | 'finished' | 'exited';

/** Why a worker needs the user now, if it does; the most urgent first. */
export function attentionOf(worker: Worker, now: number): AttentionKind | undefined {
  if (worker.state === 'waiting') return 'waiting';
  if (worker.state === 'error') return 'error';
  if (worker.state === 'exited' && worker.deadStatus !== undefined && worker.deadStatus !== 0) return 'exited';
  if (worker.state === 'idle' && worker.finishedAt !== undefined && now - worker.finishedAt < FINISHED_ATTENTION_MS) {
    return 'finished';
  }
  return undefined;
}

const URGENCY: Record<AttentionKind, number> = { waiting: 0, error: 1, exited: 2, finished: 3 };

/** Workers that need the user, most urgent first, then in display order. */
export function attentionList(workers: Record<string, Worker>, order: readonly string[], now: number): Array<{ worker: Worker; kind: AttentionKind }> {
  return order
    .flatMap((id) => {
      const worker = workers[id];
      const kind = worker && attentionOf(worker, now);
      return worker && kind ? [{ worker, kind }] : [];
    })
    .sort((a, b) => URGENCY[a.kind] - URGENCY[b.kind]);
}

/** One line saying what a worker needs: the question, its command and choices. */
export function attentionText(worker: Worker, kind: AttentionKind): string {
  if (kind === 'waiting') {
    const p = worker.prompt;
    if (!p) return `${worker.name} is waiting: ${worker.stateReason}`;
    const command = p.command ? ` \`${p.command}\`` : '';
    const choices = p.choices.length ? ` [${p.choices.join(' / ')}]` : '';
    return `${worker.name} asks: ${p.question}${command}${choices}`;
  }
  if (kind === 'error') return `${worker.name} error: ${worker.stateReason}${worker.latestError ? ` — ${worker.latestError}` : ''}`;
  if (kind === 'exited') return `${worker.name} exited with status ${worker.deadStatus}`;
  return finishedText(worker);
}

/** A worker back to idle: an agent finished its turn, a shell or other program its command. */
export function finishedText(worker: Pick<Worker, 'name' | 'agent'>): string {
  return `${worker.name} finished its ${worker.agent === 'generic' ? 'command' : 'turn'}`;
}
