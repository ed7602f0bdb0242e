/**
 * Claude Code's recorded screens (test/fixtures/claude/<version>/) through
 * the screen detector alone and through decideState with and without the
 * session file recorded at the same moment, plain and with colours.
 */
import { describe, expect, it } from 'vitest';
import type { AgentStateName, StateSource, WaitingPrompt } from '../../src/state/agentState.js';
import { answerOnScreen, detectClaudeScreen, latestClaudeLine } from '../../src/state/claudeScreen.js';
import { decideState } from '../../src/state/decideState.js';
import { claudeFixture } from './fixtures.js';

interface Row {
  name: string;
  screen: AgentStateName;
  evidence: string | RegExp;
  reason: RegExp;
  /** decideState with the recorded session file (and pane facts). */
  withFile: { state: AgentStateName; source: StateSource; reason: RegExp };
}

const PERMISSION: WaitingPrompt = {
  question: 'Do you want to proceed?',
  command: 'rm -rf build && npm test',
  choices: [
    '1. Yes',
    "2. Yes, and don't ask again for rm -rf build and npm test commands in /tmp/orch-claude-proj-8bU6Pf",
    '3. Yes, and switch to auto mode · auto mode handles these prompts for you',
    '4. No',
  ],
};

const ROWS: Row[] = [
  { name: 'idle', screen: 'idle', evidence: '❯', reason: /idle at its prompt/, withFile: { state: 'idle', source: 'session-file', reason: /idle/ } },
  { name: 'working', screen: 'working', evidence: '✻ Thinking… (1s · ↓ 2 tokens)', reason: /Thinking…/, withFile: { state: 'working', source: 'session-file', reason: /Thinking…/ } },
  { name: 'finished-turn', screen: 'idle', evidence: '✻ Cooked for 6s · done 5:26 AM', reason: /finished its turn \(Cooked for 6s\)/, withFile: { state: 'idle', source: 'session-file', reason: /finished its turn/ } },
  { name: 'waiting-permission', screen: 'waiting', evidence: 'Do you want to proceed?', reason: /rm -rf build && npm test/, withFile: { state: 'waiting', source: 'session-file', reason: /permission prompt/ } },
  // The file says busy; only the screen can say compacting.
  { name: 'compacting', screen: 'compacting', evidence: '✢ Compacting conversation… (0s)', reason: /compacting/, withFile: { state: 'compacting', source: 'screen', reason: /compacting/ } },
  { name: 'retrying', screen: 'working', evidence: '✻ 529 Overloaded · retrying in 1s · attempt 1/1', reason: /retrying after an API error/, withFile: { state: 'working', source: 'session-file', reason: /retrying/ } },
  // The file already says idle; only the screen says the turn failed.
  { name: 'error', screen: 'error', evidence: /^● API Error: 529 Overloaded\. This is a server-side issue/, reason: /failed: API Error: 529 Overloaded$/, withFile: { state: 'error', source: 'screen', reason: /API Error: 529/ } },
  // A 429 and a 401 word themselves otherwise; the 401 puts its words under the prompt, not after ●.
  { name: 'error-rate-limit', screen: 'error', evidence: '● API Error: Request rejected (429) · Rate limited', reason: /failed: API Error: Request rejected \(429\) · Rate limited$/, withFile: { state: 'error', source: 'screen', reason: /429/ } },
  { name: 'error-auth', screen: 'error', evidence: /^⎿\s+Invalid API key · Fix external API key$/, reason: /failed: Invalid API key · Fix external API key$/, withFile: { state: 'error', source: 'screen', reason: /Invalid API key/ } },
  // The file is gone and the pane dead: tmux decides.
  { name: 'exited', screen: 'exited', evidence: 'Resume this session with:', reason: /resume/, withFile: { state: 'exited', source: 'tmux', reason: /^exited/ } },
];

describe.each(['lines', 'ansiLines'] as const)('Claude Code screens (%s)', (variant) => {
  it.each(ROWS)('$name: the screen alone says $screen', (row) => {
    const found = detectClaudeScreen(claudeFixture(row.name)[variant]);
    expect(found?.state).toBe(row.screen);
    expect(found?.source).toBe('screen');
    if (typeof row.evidence === 'string') expect(found?.evidence).toBe(row.evidence);
    else expect(found?.evidence).toMatch(row.evidence);
    expect(found?.reason).toMatch(row.reason);
  });

  it.each(ROWS)('$name: decideState with the session file says $withFile.state from $withFile.source', (row) => {
    const fx = claudeFixture(row.name);
    const decided = decideState({
      kind: 'claude',
      lines: fx[variant],
      pane: { dead: fx.paneDead, currentCommand: 'claude' },
      ...(fx.sessionFile ? { sessionFile: fx.sessionFile } : {}),
    });
    expect(decided.state).toBe(row.withFile.state);
    expect(decided.source).toBe(row.withFile.source);
    expect(decided.reason).toMatch(row.withFile.reason);
    expect(decided.evidence).not.toBe('');
  });

  it.each(ROWS.filter((r) => r.name !== 'exited'))('$name: decideState without the session file follows the screen', (row) => {
    const decided = decideState({ kind: 'claude', lines: claudeFixture(row.name)[variant], pane: { dead: false, currentCommand: 'claude' } });
    expect(decided.state).toBe(row.screen);
    expect(decided.source).toBe('screen');
  });

  it('extracts the permission prompt: question, command and choices', () => {
    const fx = claudeFixture('waiting-permission');
    expect(detectClaudeScreen(fx[variant])?.prompt).toEqual(PERMISSION);
    // The file says "waiting"; the prompt's text still comes from the screen.
    expect(decideState({ kind: 'claude', lines: fx[variant], pane: { dead: false, currentCommand: 'claude' }, sessionFile: fx.sessionFile! }).prompt).toEqual(PERMISSION);
  });
});

describe('what is history and what is current', () => {
  const rule = '─'.repeat(60);
  const screen = (above: string[], box = '❯ ', footer = '  ⏸ manual mode on · ? for shortcuts') => [...above, rule, box, rule, footer];

  it('an API error before a later prompt and reply is history', () => {
    const lines = screen(['❯ Summarise the notes', '', '● API Error: 529 Overloaded. Try again.', '', '❯ Try again', '', '● Here is the summary.', '', '✻ Worked for 3s']);
    expect(detectClaudeScreen(lines)).toMatchObject({ state: 'idle', evidence: '✻ Worked for 3s' });
  });

  it('an API error followed by a reply in the same turn is not the latest thing', () => {
    const lines = screen(['❯ Go', '', '● API Error: 500 Internal. Retrying.', '', '● Done after all.']);
    expect(detectClaudeScreen(lines)?.state).toBe('idle');
  });

  it('a permission question quoted in history does not count while the input box shows', () => {
    const lines = screen(['❯ What did it ask?', '', '● It asked:', '  Do you want to proceed?', '  ❯ 1. Yes', '    2. No']);
    expect(detectClaudeScreen(lines)?.state).toBe('idle');
  });

  it('"esc to interrupt" in the footer alone means working', () => {
    expect(detectClaudeScreen(screen(['❯ Go', '', '● Reading files'], '❯ ', '  ⏸ manual mode on · esc to interrupt'))).toMatchObject({
      state: 'working', evidence: '⏸ manual mode on · esc to interrupt',
    });
  });

  it('text typed into the box is still idle', () => {
    expect(detectClaudeScreen(screen(['● Done.'], '❯ now fix the tests'))?.state).toBe('idle');
  });

  it('a wrapped choice in a narrow pane is joined', () => {
    const lines = ['● Bash(ls)', rule, ' Bash command', ' ╌╌╌╌╌╌╌╌╌╌', ' ls -la', ' ╌╌╌╌╌╌╌╌╌╌', ' Do you want to proceed?', ' ❯ 1. Yes', '   2. Yes, and don\'t ask again for', '      ls commands', '   3. No', '', ' Esc to cancel'];
    expect(detectClaudeScreen(lines)?.prompt).toEqual({ question: 'Do you want to proceed?', command: 'ls -la', choices: ['1. Yes', "2. Yes, and don't ask again for ls commands", '3. No'] });
  });

  it('a screen it does not know (a settings list) gets no opinion', () => {
    expect(detectClaudeScreen(['  Settings', '  Theme: dark', '  Model: opus'])).toBeUndefined();
    expect(detectClaudeScreen([])).toBeUndefined();
  });
});

describe('answerOnScreen: the answer a Claude screen shows to a prompt', () => {
  const rule = '─'.repeat(40);
  const sent = 'Implement the auth API in auth/: JWT issuing and checking. Reply with its endpoints.';
  const lines = [
    '❯ an older task',
    '● An older answer.',
    '',
    '❯ Implement the auth API in auth/: JWT issuing and',
    '  checking. Reply with its endpoints.',
    '',
    '● Read(auth/handler.go)',
    '  ⎿  Read 64 lines',
    '● Let me check the build first.',
    '● Bash(go build ./... && go test ./auth/...)',
    '  ⎿  ok  example.com/app/auth',
    '● The auth API is in place. Endpoints: POST',
    '  /auth/login returns {token}.',
    '',
    '✻ Cooked for 21s',
    rule,
    '❯ ',
    rule,
  ];

  it("is the turn's last message that is not a tool call, its wrapped lines joined", () => {
    expect(answerOnScreen(lines, sent)).toBe('The auth API is in place. Endpoints: POST /auth/login returns {token}.');
  });

  it('is nothing when the prompt is not on the screen, or the turn has no answer yet', () => {
    expect(answerOnScreen(lines, 'Something never sent')).toBeUndefined();
    expect(answerOnScreen([...lines.slice(0, 8), rule, '❯ ', rule], sent)).toBeUndefined();
  });
});

describe('latestClaudeLine', () => {
  it('is the last line above the input box, not the footer', () => {
    const rule = '─'.repeat(40);
    expect(latestClaudeLine(['● Done.', '', '✻ Cooked for 3s', rule, '❯ ', rule, '  ⏸ manual mode on · ? for shortcuts'])).toBe('✻ Cooked for 3s');
    expect(latestClaudeLine(['  Settings', '  Theme: dark'])).toBeUndefined();
  });

  it('is empty for a Claude that has said nothing yet: its banner and effort status are not output', () => {
    expect(latestClaudeLine(claudeFixture('idle').lines)).toBe('');
    expect(latestClaudeLine(claudeFixture('finished-turn').lines)).not.toMatch(/effort|▝/);
  });
});
