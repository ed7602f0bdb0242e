/** How decideState combines tmux facts, Claude's session file and screens. */
import { describe, expect, it } from 'vitest';
import type { AgentStateName, DetectInput } from '../../src/state/agentState.js';
import type { ClaudeSessionFile } from '../../src/state/claudeSessionFiles.js';
import { decideState, finishedTurn, STARTING_GRACE_MS } from '../../src/state/decideState.js';
import { claudeFixture } from './fixtures.js';

const NOW = 1_800_000_000_000;
const file = (status: ClaudeSessionFile['status'], extra: Partial<ClaudeSessionFile> = {}): ClaudeSessionFile => ({ pid: 42, status, ...extra });
const claude = (over: Partial<DetectInput> = {}): DetectInput => ({
  kind: 'claude', lines: [], pane: { dead: false, currentCommand: 'claude' }, now: NOW, ...over,
});

describe('decideState', () => {
  it('a dead pane is exited whatever the session file says', () => {
    const decided = decideState(claude({ pane: { dead: true, deadStatus: 3, currentCommand: 'claude' }, sessionFile: file('busy'), lines: claudeFixture('working').lines }));
    expect(decided).toEqual({ state: 'exited', reason: 'exited with status 3', evidence: 'pane_dead: 1, pane_dead_status: 3', source: 'tmux' });
  });

  it('a dead pane without a status (tmux lost the race) is still exited', () => {
    expect(decideState({ kind: 'generic', lines: [], pane: { dead: true, currentCommand: 'make' } })).toMatchObject({ state: 'exited', reason: 'exited' });
  });

  it('session file busy while the screen still shows the idle box: working, from the file', () => {
    expect(decideState(claude({ sessionFile: file('busy'), lines: claudeFixture('idle').lines }))).toMatchObject({
      state: 'working', source: 'session-file', evidence: 'status: "busy"',
    });
  });

  it('session file idle while the screen already shows the spinner: working, from the screen', () => {
    expect(decideState(claude({ sessionFile: file('idle'), lines: claudeFixture('working').lines }))).toMatchObject({ state: 'working', source: 'screen' });
  });

  it('session file waiting with no prompt on screen: waiting, with waitingFor as the reason', () => {
    const decided = decideState(claude({ sessionFile: file('waiting', { waitingFor: 'question' }), lines: claudeFixture('idle').lines }));
    expect(decided).toEqual({ state: 'waiting', reason: 'waiting for the user (question)', evidence: 'status: "waiting", waitingFor: "question"', source: 'session-file' });
  });

  it('session file busy while the screen shows a permission dialog: waiting, from the screen', () => {
    const decided = decideState(claude({ sessionFile: file('busy'), lines: claudeFixture('waiting-permission').lines }));
    expect(decided).toMatchObject({ state: 'waiting', source: 'screen', prompt: { command: 'rm -rf build && npm test' } });
  });

  describe('starting', () => {
    const young = { startedAt: NOW - 1_000 };
    it('a young Claude pane with nothing recognisable yet is starting', () => {
      expect(decideState(claude({ ...young, lines: ['Loading…'] }))).toMatchObject({ state: 'starting', reason: expect.stringMatching(/^started 1s ago/) });
    });
    it('a young agent pane whose shell has not started the agent yet is starting', () => {
      expect(decideState(claude({ ...young, pane: { dead: false, currentCommand: 'bash' } })).state).toBe('starting');
    });
    it('past the grace period the same screen is unknown', () => {
      const decided = decideState(claude({ startedAt: NOW - STARTING_GRACE_MS - 1, lines: ['Loading…'] }));
      expect(decided).toMatchObject({ state: 'unknown', source: 'tmux', evidence: 'pane_current_command: claude' });
    });
    it('a pane already seen in another state does not go back to starting', () => {
      expect(decideState(claude({ ...young, lines: ['Loading…'], previous: { state: 'idle', since: NOW - 500 } })).state).toBe('unknown');
    });
    it('a young pane whose screen is already sure is not starting', () => {
      expect(decideState(claude({ ...young, lines: claudeFixture('idle').lines })).state).toBe('idle');
    });
  });

  it('an agent pane back at its shell, with no session file, has exited', () => {
    expect(decideState(claude({ pane: { dead: false, currentCommand: 'zsh' } }))).toMatchObject({
      state: 'exited', source: 'tmux', evidence: 'pane_current_command: zsh',
    });
  });

  it('routes each kind to its own screen detector', () => {
    const codex = decideState({ kind: 'codex', lines: ['• Working (3s • esc to interrupt)', '', '› Ask Codex to do anything'], pane: { dead: false, currentCommand: 'codex' } });
    expect(codex.state).toBe('working');
    const gemini = decideState({ kind: 'gemini', lines: ['✦ Done.', '', ' >   Type your message or @path/to/file'], pane: { dead: false, currentCommand: 'node' } });
    expect(gemini.state).toBe('idle');
    const aider = decideState({ kind: 'aider', lines: ['npm test', 'Run shell command? (Y)es/(N)o [Yes]:'], pane: { dead: false, currentCommand: 'python3' } });
    expect(aider.state).toBe('waiting');
  });

  it('a generic pane is decided by the generic rules', () => {
    expect(decideState({ kind: 'generic', lines: ['$'], pane: { dead: false, currentCommand: 'bash' } }).state).toBe('idle');
    expect(decideState({ kind: 'generic', lines: ['cc -c a.c'], pane: { dead: false, currentCommand: 'make' } }).state).toBe('working');
  });

  it('every decision carries a reason, evidence and a source', () => {
    const names = ['idle', 'working', 'finished-turn', 'waiting-permission', 'compacting', 'retrying', 'error', 'exited'];
    for (const name of names) {
      const fx = claudeFixture(name);
      for (const sessionFile of [fx.sessionFile ?? undefined, undefined]) {
        const decided = decideState(claude({ lines: fx.lines, pane: { dead: fx.paneDead, currentCommand: 'claude' }, ...(sessionFile ? { sessionFile } : {}) }));
        expect(decided.reason, name).toMatch(/\w/);
        expect(decided.evidence, name).toMatch(/\S/);
        expect(['session-file', 'screen', 'tmux'], name).toContain(decided.source);
      }
    }
  });
});

describe('finishedTurn', () => {
  it.each<[AgentStateName | undefined, AgentStateName, boolean]>([
    ['working', 'idle', true],
    ['compacting', 'idle', true],
    ['waiting', 'idle', false],
    ['idle', 'idle', false],
    ['working', 'waiting', false],
    ['working', 'error', false],
    [undefined, 'idle', false],
  ])('%s → %s: %s', (prev, next, expected) => {
    expect(finishedTurn(prev, next)).toBe(expected);
  });
});
