/**
 * What the task-chain bench counts, pure: each task's sent text against the
 * texts the model received. A text received twice is doubled; never, lost;
 * a received text that is only the first part of a sent one (a paste cut at
 * a newline, submitted early) is partial; anything else received, altered.
 */
import { claudeSees, unframePaste } from './hostileTexts.js';

export interface ChainTask {
  id: string;
  state: string;
  /** The text as sent, `{{result:…}}` filled in (the journal's sentText). */
  sentText?: string;
  reason?: string;
}

export interface ChainCounts {
  tasks: number;
  done: number;
  failed: number;
  /** Tasks whose text reached the model exactly once. */
  arrivedOnce: number;
  lost: number;
  doubled: number;
  partial: number;
  altered: number;
  /** Tasks the send itself reported as arrived in part (never counted delivered). */
  reportedPartial: number;
  problems: string[];
}

/** `received`: each main request's typed text, as the fake API recorded it (framed or not); requests without one are not messages. */
export function countChains(tasks: readonly ChainTask[], received: readonly (string | undefined)[]): ChainCounts {
  const got = received.flatMap((text) => (text === undefined ? [] : [unframePaste(text) ?? '']));
  const expected = new Map<string, string>();
  for (const task of tasks) if (task.sentText !== undefined) expected.set(claudeSees(task.sentText), task.id);
  const counts: ChainCounts = {
    tasks: tasks.length, done: 0, failed: 0, arrivedOnce: 0, lost: 0, doubled: 0, partial: 0, altered: 0, reportedPartial: 0, problems: [],
  };
  for (const task of tasks) {
    if (task.state === 'done') counts.done++;
    if (task.state === 'failed') {
      counts.failed++;
      if (/^Only part of the text/.test(task.reason ?? '')) counts.reportedPartial++;
      counts.problems.push(`${task.id} failed: ${task.reason ?? '?'}`);
    }
    if (task.sentText === undefined) {
      if (task.state !== 'failed') counts.problems.push(`${task.id} was never sent (${task.state})`);
      continue;
    }
    const times = got.filter((text) => text === claudeSees(task.sentText!)).length;
    if (times === 1) counts.arrivedOnce++;
    else if (times === 0) {
      counts.lost++;
      counts.problems.push(`${task.id} lost: ${JSON.stringify(task.sentText.slice(0, 60))}`);
    } else {
      counts.doubled += times - 1;
      counts.problems.push(`${task.id} arrived ${times} times`);
    }
  }
  const sent = [...expected.keys()];
  for (const text of got) {
    if (expected.has(text)) continue;
    const cutFrom = sent.find((whole) => text.trim() !== '' && whole.startsWith(text));
    if (cutFrom !== undefined) {
      counts.partial++;
      counts.problems.push(`partial: ${JSON.stringify(text.slice(0, 60))} of ${expected.get(cutFrom)}`);
    } else {
      counts.altered++;
      counts.problems.push(`altered: ${JSON.stringify(text.slice(0, 60))}`);
    }
  }
  return counts;
}
