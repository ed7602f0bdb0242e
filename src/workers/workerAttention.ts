import type { WaitingPrompt } from '../state/agentState.js';

/** Why a worker needs someone now: a question, an error, a failed exit. */
export interface AttentionItem {
  worker: string;
  id: string;
  kind: 'waiting' | 'error' | 'exited';
  /** One line: the question with its command and choices, the error, the exit status. */
  text: string;
}

interface SeenState {
  id: string;
  name: string;
  state: string;
  reason: string;
  deadStatus: number | null;
  prompt?: WaitingPrompt;
}

const URGENCY = { waiting: 0, error: 1, exited: 2 } as const;

/**
 * The attention list as an agent sees it (the dashboard's strip without
 * "finished", which needs a history of states): most urgent first.
 */
export function attentionList(workers: readonly SeenState[]): AttentionItem[] {
  return workers
    .flatMap((w): AttentionItem[] => {
      if (w.state === 'waiting') {
        const p = w.prompt;
        const text = p
          ? `${w.name} asks: ${p.question}${p.command ? ` \`${p.command}\`` : ''}${p.choices.length ? ` [${p.choices.join(' / ')}]` : ''}`
          : `${w.name} is waiting: ${w.reason}`;
        return [{ worker: w.name, id: w.id, kind: 'waiting', text }];
      }
      if (w.state === 'error') return [{ worker: w.name, id: w.id, kind: 'error', text: `${w.name} error: ${w.reason}` }];
      if (w.state === 'exited' && w.deadStatus !== null && w.deadStatus !== 0) {
        return [{ worker: w.name, id: w.id, kind: 'exited', text: `${w.name} exited with status ${w.deadStatus}` }];
      }
      return [];
    })
    .sort((a, b) => URGENCY[a.kind] - URGENCY[b.kind]);
}
