/**
 * The state from hook events recorded from a real Claude Code 2.1.328
 * (test/fixtures/claude/2.1.328/hook-events.jsonl: a session that answered,
 * took a multi-line paste, asked for a permission that was refused with
 * Escape, failed with a 429, a 401, a 529 and a 500, compacted and exited),
 * with and without its session file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHookLog } from '../../src/reports/hookEvents.js';
import { decideFromHooks, latestHookVerdict, type HookEvent } from '../../src/state/hookState.js';
import { decideState } from '../../src/state/decideState.js';
import type { ClaudeSessionFile } from '../../src/state/claudeSessionFiles.js';
import { claudeFixture } from './fixtures.js';

const ALL = parseHookLog(readFileSync(fileURLToPath(new URL('../fixtures/claude/2.1.328/hook-events.jsonl', import.meta.url)), 'utf8'));
/** The events up to and including the n-th one named `name` (1-based). */
function upTo(name: string, n = 1): HookEvent[] {
  let seen = 0;
  const end = ALL.findIndex((e) => e.name === name && ++seen === n);
  if (end < 0) throw new Error(`no ${name} #${n}`);
  return ALL.slice(0, end + 1);
}
const file = (status: ClaudeSessionFile['status'], at: number, waitingFor?: string): ClaudeSessionFile =>
  ({ pid: 1, status, statusUpdatedAt: at, ...(waitingFor ? { waitingFor } : {}) });

describe('hook events recorded from Claude Code 2.1.328', () => {
  it('parses every recorded event with the fields orch-tui reads', () => {
    expect(ALL.map((e) => e.name)).toEqual([
      'SessionStart', 'UserPromptSubmit', 'Stop', 'UserPromptSubmit', 'Stop', 'UserPromptSubmit', 'PreToolUse', 'PermissionRequest',
      'UserPromptSubmit', 'StopFailure', 'UserPromptSubmit', 'StopFailure', 'UserPromptSubmit', 'StopFailure', 'UserPromptSubmit', 'StopFailure',
      'PreCompact', 'SubagentStop', 'SessionStart', 'PostCompact', 'SessionEnd',
    ]);
    expect(ALL[3]!.prompt).toBe('line one\nline two\n    end');
    expect(ALL[2]!.lastMessage).toBe('Hello there.');
    expect(ALL[7]).toMatchObject({ toolName: 'Bash', command: 'rm -rf build' });
    expect(ALL[16]).toMatchObject({ trigger: 'manual', goal: 'keep the notes' });
  });

  it.each([
    ['SessionStart', 1, 'idle', /idle at its prompt/],
    ['UserPromptSubmit', 1, 'working', /working/],
    ['Stop', 1, 'idle', /finished its turn/],
    ['PermissionRequest', 1, 'waiting', /asks permission to run `rm -rf build`/],
    ['StopFailure', 1, 'error', /failed \(rate_limit\): API Error: Request rejected \(429\) · Rate limited$/],
    ['StopFailure', 2, 'error', /failed \(authentication_failed\): Invalid API key · Fix external API key$/],
    ['StopFailure', 3, 'error', /failed \(server_error\): API Error: 529 Overloaded$/],
    ['StopFailure', 4, 'error', /failed \(server_error\): API Error: 500 Internal server error$/],
    ['PreCompact', 1, 'compacting', /compacting/],
    ['PostCompact', 1, 'idle', /after compacting/],
    ['SessionEnd', 1, 'exited', /prompt_input_exit/],
  ] as const)('after %s #%i: %s', (name, n, state, reason) => {
    const decided = decideFromHooks(upTo(name, n), undefined, undefined);
    expect(decided).toMatchObject({ state, source: 'hooks' });
    expect(decided?.reason).toMatch(reason);
    expect(decided?.evidence).toMatch(new RegExp(`^hook ${name}`));
    expect(decided?.since).toBe(upTo(name, n).at(-1)!.at);
  });

  it('a compaction and a subagent do not end in "working": SessionStart(compact) and SubagentStop say nothing', () => {
    expect(latestHookVerdict(upTo('SessionStart', 2))?.event.name).toBe('PreCompact');
    expect(latestHookVerdict(upTo('SubagentStop'))?.event.name).toBe('PreCompact');
  });

  it('a permission refused with Escape fires nothing: the session file, newer and idle, decides', () => {
    const events = upTo('PermissionRequest');
    const asked = events.at(-1)!.at;
    // While the file agrees (waiting) the hook decides, with its command.
    expect(decideFromHooks(events, file('waiting', asked + 20, 'permission prompt'), undefined)).toMatchObject({ state: 'waiting', source: 'hooks', prompt: { command: 'rm -rf build' } });
    // Refused: the file turns idle later; granted: busy later. Neither agrees with "waiting".
    expect(decideFromHooks(events, file('idle', asked + 5000), undefined)).toBeUndefined();
    expect(decideFromHooks(events, file('busy', asked + 5000), undefined)).toBeUndefined();
    // An older file says nothing against a newer event.
    expect(decideFromHooks(events, file('idle', asked - 50), undefined)?.state).toBe('waiting');
  });

  it('an error stays an error while the file says idle, even a newer idle', () => {
    const events = upTo('StopFailure');
    expect(decideFromHooks(events, file('idle', events.at(-1)!.at + 100), undefined)?.state).toBe('error');
  });

  it('through decideState: hooks before the session file, the screen adds the permission choices', () => {
    const fx = claudeFixture('waiting-permission');
    const events = upTo('PermissionRequest');
    const decided = decideState({
      kind: 'claude', lines: fx.lines, pane: { dead: false, currentCommand: 'claude' },
      sessionFile: file('waiting', events.at(-1)!.at, 'permission prompt'), hooks: events,
    });
    expect(decided).toMatchObject({ state: 'waiting', source: 'hooks' });
    expect(decided.prompt?.command).toBe('rm -rf build');
    expect(decided.prompt?.choices).toContain('4. No');
  });

  it('through decideState: a dead pane is exited whatever the hooks said', () => {
    expect(decideState({ kind: 'claude', lines: [], pane: { dead: true, deadStatus: 0, currentCommand: '' }, hooks: upTo('UserPromptSubmit') }).state).toBe('exited');
  });

  it('through decideState: an idle from hooks yields to an error on the screen', () => {
    const fx = claudeFixture('error-auth');
    const decided = decideState({ kind: 'claude', lines: fx.lines, pane: { dead: false, currentCommand: 'claude' }, hooks: upTo('Stop') });
    expect(decided).toMatchObject({ state: 'error', source: 'screen' });
  });

  it('through decideState: an idle from hooks yields to a dialog on the screen the hooks did not report', () => {
    const fx = claudeFixture('waiting-permission');
    const decided = decideState({ kind: 'claude', lines: fx.lines, pane: { dead: false, currentCommand: 'claude' }, hooks: upTo('Stop') });
    expect(decided).toMatchObject({ state: 'waiting', source: 'screen' });
  });

  it('no events that say anything: the session file and the screen decide as before', () => {
    const fx = claudeFixture('working');
    const decided = decideState({ kind: 'claude', lines: fx.lines, pane: { dead: false, currentCommand: 'claude' }, sessionFile: fx.sessionFile!, hooks: [] });
    expect(decided).toMatchObject({ state: 'working', source: 'session-file' });
  });
});
