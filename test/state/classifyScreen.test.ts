/** `orch-tui classify`: a captured screen in, a decision out, the agent guessed from the screen. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AgentKind, AgentStateName } from '../../src/state/agentState.js';
import { classifyScreen, guessKindFromScreen } from '../../src/state/classifyScreen.js';
import { CLAUDE_VERSION } from './fixtures.js';

const claudeText = (name: string, ext = 'txt') =>
  readFileSync(fileURLToPath(new URL(`../fixtures/claude/${CLAUDE_VERSION}/${name}.${ext}`, import.meta.url)), 'utf8');
const screenText = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/screens/${name}.txt`, import.meta.url)), 'utf8');

describe('classifyScreen on recorded Claude Code screens', () => {
  it.each<[string, AgentStateName]>([
    ['idle', 'idle'], ['working', 'working'], ['finished-turn', 'idle'], ['waiting-permission', 'waiting'],
    ['compacting', 'compacting'], ['retrying', 'working'], ['error', 'error'], ['exited', 'exited'],
  ])('%s → %s (kind guessed, colours or not)', (name, state) => {
    for (const ext of ['txt', 'ansi.txt']) {
      expect(guessKindFromScreen(claudeText(name, ext))).toBe('claude');
      const decided = classifyScreen(claudeText(name, ext));
      expect(decided.state).toBe(state);
      expect(decided.reason).not.toBe('');
      expect(decided.evidence).not.toBe('');
    }
  });

  it('an explicit kind is used as given', () => {
    expect(classifyScreen(claudeText('working'), 'generic').reason).not.toBe(classifyScreen(claudeText('working')).reason);
  });
});

describe('guessKindFromScreen', () => {
  it.each<[AgentKind, string]>([
    ['codex', '>_ OpenAI Codex (v0.46.0)\n\n› Ask Codex to do anything\n\n  ? for shortcuts        100% context left'],
    ['gemini', '✦ Hello\n╭──╮\n│ >   Type your message or @path/to/file │\n╰──╯'],
    ['aider', 'Aider v0.86.1\nMain model: sonnet\n\n>'],
    ['generic', 'dev@box:~/proj$ ls\nREADME.md\ndev@box:~/proj$'],
  ])('%s', (kind, text) => {
    expect(guessKindFromScreen(text)).toBe(kind);
  });
});

describe('classifyScreen on generic screens', () => {
  it.each<[string, AgentStateName]>([['shell-idle', 'idle'], ['question-yes-no', 'waiting'], ['build-running', 'working']])('%s → %s', (name, state) => {
    expect(classifyScreen(screenText(name)).state).toBe(state);
  });

  it('output with no prompt after it: a program is running (what ls says of a running script)', () => {
    expect(classifyScreen('$ ./long.sh\nstep 8 of 40\n')).toMatchObject({ state: 'working', source: 'screen', evidence: 'step 8 of 40' });
  });

  it('an empty file is unknown', () => {
    expect(classifyScreen('')).toMatchObject({ state: 'unknown', evidence: '(empty screen)' });
  });
});

describe('classifyScreen with nothing recognisable', () => {
  it('an agent screen it does not know: unknown, the bottom line as evidence, no made-up pane facts', () => {
    expect(classifyScreen('Claude Code v2.1.328\n  Settings\n  Theme: dark\n', 'claude')).toEqual({
      state: 'unknown', reason: 'its screen shows no claude state it knows', evidence: 'Theme: dark', source: 'screen',
    });
  });
});
