import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { arrivalByHooks, compactGoalOf, turnByHooks } from '../../src/dispatch/reportedTurns.js';
import { parseHookLog } from '../../src/reports/hookEvents.js';
import type { HookEvent } from '../../src/state/hookState.js';

/** Events recorded from a real Claude Code 2.1.328 (see test/state/hookState.test.ts). */
const RECORDED = parseHookLog(readFileSync(fileURLToPath(new URL('../fixtures/claude/2.1.328/hook-events.jsonl', import.meta.url)), 'utf8'));
const at = (name: string, n = 1) => RECORDED.filter((e) => e.name === name)[n - 1]!.at;

describe('arrivalByHooks', () => {
  it('a prompt arrived whole when a UserPromptSubmit after the send carried it, compared the way Claude keeps texts', () => {
    const since = at('UserPromptSubmit', 2) - 10;
    // Sent with a tab; Claude submitted four spaces.
    expect(arrivalByHooks(RECORDED, since, 'line one\nline two\n\tend')).toEqual({ kind: 'whole', evidence: 'its UserPromptSubmit hook carried the whole message' });
    expect(arrivalByHooks(RECORDED, since, 'line one\nline two\n\tend\nand a last line')).toEqual({ kind: 'partial', arrived: 'line one\nline two\n    end' });
    expect(arrivalByHooks(RECORDED, at('SessionEnd') + 1, 'say hello')).toBeUndefined();
  });

  it('only events after the send count: the same text sent earlier is not this one', () => {
    expect(arrivalByHooks(RECORDED, at('UserPromptSubmit', 1) + 1, 'say hello')?.kind).toBe('other');
  });

  it('/compact arrived when PreCompact carried its goal', () => {
    const since = at('PreCompact') - 10;
    expect(arrivalByHooks(RECORDED, since, '/compact keep the notes')?.kind).toBe('whole');
    expect(arrivalByHooks(RECORDED, since, '/compact something else')).toEqual({ kind: 'other', arrived: '/compact keep the notes' });
    expect(arrivalByHooks(RECORDED, at('PostCompact') + 1, '/compact keep the notes')).toBeUndefined();
  });

  it('/clear arrived when a SessionStart says cleared; other slash commands are left to other evidence', () => {
    const cleared: HookEvent[] = [{ at: 5, name: 'SessionStart', source: 'clear' }];
    expect(arrivalByHooks(cleared, 1, '/clear')?.kind).toBe('whole');
    expect(arrivalByHooks(cleared, 6, '/clear')).toBeUndefined();
    expect(arrivalByHooks(RECORDED, 0, '/model opus')).toBeUndefined();
  });

  it('compactGoalOf', () => {
    expect(compactGoalOf('/compact  Now integrate the API ')).toBe('Now integrate the API');
    expect(compactGoalOf('/compact')).toBe('');
    expect(compactGoalOf('/compactor')).toBeUndefined();
    expect(compactGoalOf('please /compact')).toBeUndefined();
  });
});

describe('turnByHooks', () => {
  it("a turn ended by Stop has Stop's last_assistant_message as its answer", () => {
    expect(turnByHooks(RECORDED, 'say hello')).toEqual({ ended: true, failed: false, answer: 'Hello there.' });
    expect(turnByHooks(RECORDED, 'line one\nline two\n\tend')).toEqual({ ended: true, failed: false, answer: 'OK.' });
  });

  it('a turn that failed ended without an answer; one still running has not ended', () => {
    expect(turnByHooks(RECORDED, 'try 429')).toEqual({ ended: true, failed: true });
    const running = RECORDED.slice(0, RECORDED.findIndex((e) => e.name === 'UserPromptSubmit' && e.prompt === 'say hello') + 1);
    expect(turnByHooks(running, 'say hello')).toEqual({ ended: false, failed: false });
    expect(turnByHooks(RECORDED, 'never sent')).toBeUndefined();
  });

  it('the last turn of a text sent twice is the one that counts', () => {
    const events: HookEvent[] = [
      { at: 1, name: 'UserPromptSubmit', prompt: 'again' }, { at: 2, name: 'Stop', lastMessage: 'first' },
      { at: 3, name: 'UserPromptSubmit', prompt: 'again' },
    ];
    expect(turnByHooks(events, 'again')).toEqual({ ended: false, failed: false });
    expect(turnByHooks([...events, { at: 4, name: 'Stop', lastMessage: 'second' }], 'again')?.answer).toBe('second');
  });
});
