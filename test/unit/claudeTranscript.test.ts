import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { arrivalOf, asClaudeKeepsIt, turnOf, userTexts } from '../../src/dispatch/claudeTranscript.js';

/** Four multi-line prompts pasted into a real Claude Code 2.1.328, each answered "OK." (trimmed to its message lines). */
const REAL = readFileSync(new URL('../fixtures/claude/2.1.328/transcript-four-turns.jsonl', import.meta.url), 'utf8');

const line = (entry: object) => `${JSON.stringify(entry)}\n`;
const user = (content: unknown) => line({ type: 'user', message: { role: 'user', content } });
const assistant = (text: string | undefined, stop: string | null, tool = false) =>
  line({
    type: 'assistant',
    message: {
      role: 'assistant', stop_reason: stop,
      content: [...(text ? [{ type: 'text', text }] : []), ...(tool ? [{ type: 'tool_use', id: 't1', name: 'Bash', input: {} }] : [])],
    },
  });
const turnDuration = line({ type: 'system', subtype: 'turn_duration' });

describe('turnOf: has the turn a message started ended, and with what answer', () => {
  it('reads the real transcript: each task answered, each turn closed', () => {
    for (const n of [1, 2, 3, 4]) {
      expect(turnOf(REAL, `task ${n} line one\nline two\nline three`)).toEqual({ answer: 'OK.', ended: true });
    }
    expect(userTexts(REAL)).toHaveLength(4);
  });

  it('is open while the answer is not yet written, though Claude may already say idle', () => {
    const sent = 'Connect the login form. The backend reported this API:\n\nLogin(user, pass)';
    expect(turnOf(user(sent), sent)).toEqual({ answer: undefined, ended: false });
    // A tool call does not end the turn; its result comes back as a user entry.
    const midway = user(sent) + assistant('Let me look.', 'tool_use', true) + user([{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }]);
    expect(turnOf(midway, sent)).toEqual({ answer: 'Let me look.', ended: false });
    expect(turnOf(midway + assistant('Done: the form posts to Login.', 'end_turn'), sent)).toEqual({ answer: 'Done: the form posts to Login.', ended: true });
    // The turn_duration record closes it even when the stop reason is missing.
    expect(turnOf(midway + assistant('Done.', null) + turnDuration, sent)?.ended).toBe(true);
  });

  it('is undefined when the message never arrived; a torn last line is skipped', () => {
    expect(turnOf(user('something else'), 'the task')).toBeUndefined();
    expect(turnOf(user('the task') + '{"type":"assist', 'the task')).toEqual({ answer: undefined, ended: false });
  });
});

describe('arrivalOf: what arrived, compared as Claude keeps texts', () => {
  const sent = 'first line\n\tindented second line  \nthird';
  it('the whole text, with tabs as four spaces and trailing whitespace trimmed, framed or not', () => {
    expect(asClaudeKeepsIt(sent)).toBe('first line\n    indented second line  \nthird');
    expect(arrivalOf(['first line\n    indented second line  \nthird'], sent)).toEqual({ kind: 'whole' });
    const framed = '<pasted_content id="p1">\nfirst line\n    indented second line  \nthird\n</pasted_content id="p1">';
    expect(arrivalOf([framed], sent)).toEqual({ kind: 'whole' });
  });

  it('only the first line: a paste submitted at its first newline', () => {
    expect(arrivalOf(['first line'], sent)).toEqual({ kind: 'partial', arrived: 'first line' });
  });

  it('another text, or nothing', () => {
    expect(arrivalOf(['typed by someone else first line'], sent)).toEqual({ kind: 'other', arrived: 'typed by someone else first line' });
    expect(arrivalOf([], sent)).toBeUndefined();
    expect(arrivalOf(['   '], sent)).toBeUndefined();
  });
});

describe("userTexts: what was typed or pasted, not what Claude wrote in the user's name", () => {
  // Recorded on 2.1.328: two prompts, then a /compact (summary, caveat, command, its output after the boundary).
  const COMPACTED = readFileSync(new URL('../fixtures/claude/2.1.328/transcript-usage-compact.jsonl', import.meta.url), 'utf8');

  it("a /compact's summary, caveat, command and output are not messages", () => {
    expect(userTexts(COMPACTED)).toEqual(['fill the context', 'try 429']);
  });

  it('what a /compact writes after its boundary leaves nothing for a send that follows to mistake for its text', () => {
    const tail = COMPACTED.slice(COMPACTED.indexOf('"compact_boundary"'));
    expect(arrivalOf(userTexts(tail.slice(tail.indexOf('\n') + 1)), 'the next task')).toBeUndefined();
  });
});

describe('userTexts since a time: what Claude took after a paste began', () => {
  const entry = (text: string, timestamp?: string) => `${JSON.stringify({ type: 'user', ...(timestamp ? { timestamp } : {}), message: { role: 'user', content: text } })}\n`;
  it("the previous message, appended late, is not the next one's arrival", () => {
    const text = entry('Read the whole manual', '2026-12-02T07:10:28.880Z') + entry('Write the API reference', '2026-12-02T07:10:29.700Z');
    const pasted = Date.parse('2026-12-02T07:10:29.151Z');
    expect(userTexts(text, pasted)).toEqual(['Write the API reference']);
    expect(arrivalOf(userTexts(entry('Read the whole manual', '2026-12-02T07:10:28.880Z'), pasted), 'Write the API reference')).toBeUndefined();
    expect(userTexts(text)).toEqual(['Read the whole manual', 'Write the API reference']);
  });
  it('an entry without a time still counts', () => {
    expect(userTexts(entry('no time'), Date.now())).toEqual(['no time']);
  });
});
