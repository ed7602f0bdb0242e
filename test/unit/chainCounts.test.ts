/** The task-chain bench's counting: what the model received against what each task sent. */
import { describe, expect, it } from 'vitest';
import { countChains } from '../../bench/chainCounts.js';

const framed = (text: string) => `<pasted_content id="p1">\n${text}\n</pasted_content id="p1">`;

describe('countChains', () => {
  it('a text received once, framed or not, arrived; twice is doubled; never is lost', () => {
    const tasks = [
      { id: 'a', state: 'done', sentText: 'Step 1\nline two' },
      { id: 'b', state: 'done', sentText: 'Step 2\ttabbed  ' },
      { id: 'c', state: 'sent', sentText: 'Step 3\nnever came' },
    ];
    const counts = countChains(tasks, [framed('Step 1\nline two'), 'Step 2    tabbed', 'Step 2    tabbed']);
    expect(counts).toMatchObject({ tasks: 3, done: 2, arrivedOnce: 1, doubled: 1, lost: 1, partial: 0, altered: 0 });
  });

  it('the first part of a text submitted alone is partial; a text sent by nobody is altered; a reported cut paste is counted', () => {
    const tasks = [
      { id: 'a', state: 'failed', sentText: 'Step 1\nThe previous step replied:\nTOKEN', reason: 'Only part of the text reached w0 as a message …' },
      { id: 'b', state: 'failed', reason: 'a failed' },
    ];
    const counts = countChains(tasks, ['Step 1', 'something else', undefined]);
    expect(counts).toMatchObject({ failed: 2, reportedPartial: 1, partial: 1, altered: 1, lost: 1 });
    expect(counts.problems).toContain('partial: "Step 1" of a');
  });
});
