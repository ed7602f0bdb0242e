/**
 * Codex, Gemini CLI and Aider screens, written from their own UI code and
 * snapshots and from screens quoted by peers (see the sources listed at the
 * top of each detector). Not recorded here: none of them runs offline.
 */
import { describe, expect, it } from 'vitest';
import type { AgentStateName } from '../../src/state/agentState.js';
import { detectAiderScreen } from '../../src/state/aiderScreen.js';
import { detectCodexScreen } from '../../src/state/codexScreen.js';
import { detectGeminiScreen } from '../../src/state/geminiScreen.js';

const codexFooter = ['', '  ? for shortcuts                                              98% context left'];

describe('detectCodexScreen', () => {
  it.each<[string, string[], AgentStateName, string]>([
    ['idle at the composer', ['>_ OpenAI Codex (v0.46.0)', '', '› Ask Codex to do anything', ...codexFooter], 'idle', '› Ask Codex to do anything'],
    ['working', ['› Explain this codebase', '', '• Working (5s • esc to interrupt)', '', '› Ask Codex to do anything', ...codexFooter], 'working', '• Working (5s • esc to interrupt)'],
    ['working with a reasoning header', ['› Fix it', '', '• Exploring the tests (1m 02s • esc to interrupt) · 1 background terminal running', '', '› Summarize recent commits', ...codexFooter], 'working', '• Exploring the tests (1m 02s • esc to interrupt) · 1 background terminal running'],
    ['a finished turn', ['› Explain', '', '─ Worked for 8s ──────────────────────', '', '• The build compiles with cargo.', '', '› Ask Codex to do anything', ...codexFooter], 'idle', '─ Worked for 8s ──────────────────────'],
    ['an error ending the turn', ['› Explain', '', '■ stream disconnected before completion: 502 Bad Gateway', '', '› Ask Codex to do anything', ...codexFooter], 'error', '■ stream disconnected before completion: 502 Bad Gateway'],
    ['an interrupt is not an error', ['› Explain', '', '■ Conversation interrupted - tell the model what to do differently.', '', '› Ask Codex to do anything', ...codexFooter], 'idle', '› Ask Codex to do anything'],
    ['an old error before a later turn is history', ['› One', '■ unexpected status 500', '› Two', '', '• Done.', '', '› Ask Codex to do anything', ...codexFooter], 'idle', '› Ask Codex to do anything'],
  ])('%s', (_title, lines, state, evidence) => {
    expect(detectCodexScreen(lines)).toMatchObject({ state, evidence, source: 'screen' });
  });

  it('a command approval: question, command and choices', () => {
    const lines = [
      '› commit it', '', '• Running git add test.ts', '',
      '  Would you like to run the following command?', '',
      '  Reason: Need to write to .git/worktrees metadata to stage changes', '',
      '  $ git add test.ts', '',
      '› 1. Yes, proceed (y)',
      "  2. Yes, and don't ask again for this command (a)",
      '  3. No, and tell Codex what to do differently (esc)', '',
      '  Press enter to confirm or esc to cancel',
    ];
    expect(detectCodexScreen(lines)).toEqual({
      state: 'waiting', reason: 'asks permission to run `git add test.ts`', evidence: 'Would you like to run the following command?', source: 'screen',
      prompt: {
        question: 'Would you like to run the following command?', command: 'git add test.ts',
        choices: ['1. Yes, proceed (y)', "2. Yes, and don't ask again for this command (a)", '3. No, and tell Codex what to do differently (esc)'],
      },
    });
  });

  it('an approval already answered (the composer is back below it) is history', () => {
    const lines = ['  Would you like to run the following command?', '  $ ls', '› 1. Yes, proceed (y)', '  2. No (esc)', '', '✔ You approved codex to run ls', '', '› Ask Codex to do anything', ...codexFooter];
    expect(detectCodexScreen(lines)?.state).toBe('idle');
  });

  it('no known layout: no opinion', () => {
    expect(detectCodexScreen(['Signing in…', 'Open this URL in your browser'])).toBeUndefined();
  });
});

const geminiBox = ['╭──────────────────────────────────────────────╮', '│ >   Type your message or @path/to/file       │', '╰──────────────────────────────────────────────╯', '~/proj (main*)      no sandbox      gemini-2.5-pro (99% context left)'];

describe('detectGeminiScreen', () => {
  it.each<[string, string[], AgentStateName, string]>([
    ['idle (bordered input box)', ['✦ The build uses tsc.', '', ...geminiBox], 'idle', '>   Type your message or @path/to/file'],
    ['idle (half-block input box, YOLO mode)', ['▀▀▀▀▀▀▀▀▀▀', ' *   Type your message or @path/to/file', '▄▄▄▄▄▄▄▄▄▄'], 'idle', '*   Type your message or @path/to/file'],
    ['working', ['> explain the build', '', '⠏ Reticulating splines (esc to cancel, 5s)', '', ...geminiBox], 'working', '⠏ Reticulating splines (esc to cancel, 5s)'],
    ['compressing', ['> /compress', '', '⠋ Compressing chat history', '', ...geminiBox], 'compacting', '⠋ Compressing chat history'],
    ['an API error ending the turn', ['> explain', '', '✕ [API Error: got status: 503 Service Unavailable]', '', ...geminiBox], 'error', '✕ [API Error: got status: 503 Service Unavailable]'],
    ['an old error before a later reply is history', ['✕ [API Error: quota]', '> again', '✦ Done.', '', ...geminiBox], 'idle', '>   Type your message or @path/to/file'],
  ])('%s', (_title, lines, state, evidence) => {
    expect(detectGeminiScreen(lines)).toMatchObject({ state, evidence, source: 'screen' });
  });

  it('a shell command confirmation: command and choices', () => {
    const lines = [
      '╭──────────────────────────────────────────────╮',
      '│ ?  Shell rm -rf build (Clean the build)       │',
      '│                                              │',
      '│ rm -rf build                                 │',
      '│ Allow execution of: \'rm\'?                    │',
      '│                                              │',
      '│ ● 1. Allow once                              │',
      '│   2. Allow for this session                  │',
      '│   3. No, suggest changes (esc)               │',
      '╰──────────────────────────────────────────────╯',
      '⠏ Waiting for user confirmation...',
    ];
    expect(detectGeminiScreen(lines)).toMatchObject({
      state: 'waiting', reason: 'asks permission to run `rm -rf build`',
      prompt: { question: "Allow execution of: 'rm'?", command: 'rm -rf build', choices: ['1. Allow once', '2. Allow for this session', '3. No, suggest changes (esc)'] },
    });
  });

  it('a numbered question in an old reply, with the input prompt below it, is history', () => {
    const lines = ['✦ There are two places.', '  Allow me to ask: which one?', '  1. The parser', '  2. The lexer', '', ...geminiBox];
    expect(detectGeminiScreen(lines)?.state).toBe('idle');
  });

  it('an edit confirmation has no command', () => {
    const lines = ['│ Apply this change? │', '│ ● 1. Allow once │', '│   2. Modify with external editor │', '│   3. No, suggest changes (esc) │'];
    const found = detectGeminiScreen(lines);
    expect(found?.prompt).toEqual({ question: 'Apply this change?', choices: ['1. Allow once', '2. Modify with external editor', '3. No, suggest changes (esc)'] });
  });
});

describe('detectAiderScreen', () => {
  it.each<[string, string[], AgentStateName, string]>([
    ['idle at its prompt', ['Aider v0.86.1', 'Main model: anthropic/claude-sonnet-4 with diff edit format', 'Repo-map: using 4096 tokens', '', '>'], 'idle', '>'],
    ['idle in architect mode with typed text', ['architect> refactor the parser'], 'idle', 'architect> refactor the parser'],
    ['a finished turn', ['> fix the test', '', 'Applied edit to test_parser.py', 'Tokens: 3.2k sent, 120 received. Cost: $0.01 message, $0.02 session.', '', '>'], 'idle', 'Tokens: 3.2k sent, 120 received. Cost: $0.01 message, $0.02 session.'],
    ['waiting for the model', ['> fix the test', '', '░█        Waiting for anthropic/claude-sonnet-4'], 'working', '░█        Waiting for anthropic/claude-sonnet-4'],
    ['streaming a reply', ['> fix the test', '', 'I will change the assertion in test_parser.py:'], 'working', 'I will change the assertion in test_parser.py:'],
    ['an API error before the prompt', ['> fix', '', 'litellm.APIConnectionError: AnthropicException - Connection refused', 'Retrying in 0.5 seconds...', 'litellm.APIConnectionError: AnthropicException - Connection refused', '', '>'], 'error', 'litellm.APIConnectionError: AnthropicException - Connection refused'],
    ['an old error before a later good turn is history', ['> one', 'litellm.RateLimitError: slow down', '> two', 'Tokens: 1k sent, 10 received.', '>'], 'idle', 'Tokens: 1k sent, 10 received.'],
  ])('%s', (_title, lines, state, evidence) => {
    expect(detectAiderScreen(lines)).toMatchObject({ state, evidence, source: 'screen' });
  });

  it('a shell command confirmation: command and choices', () => {
    const lines = ['Run the tests with:', '', 'npm test', "Run shell command? (Y)es/(N)o/(D)on't ask again [Yes]:"];
    expect(detectAiderScreen(lines)).toMatchObject({
      state: 'waiting', prompt: { question: 'Run shell command?', command: 'npm test', choices: ['(Y)es', '(N)o', "(D)on't ask again"] },
    });
  });

  it('a grouped file confirmation has no command', () => {
    const found = detectAiderScreen(['src/app.py', 'Add file to the chat? (Y)es/(N)o/(A)ll/(S)kip all/(D)on\'t ask again [Yes]: '].map((l) => l));
    expect(found?.prompt).toEqual({ question: 'Add file to the chat?', choices: ['(Y)es', '(N)o', '(A)ll', '(S)kip all', "(D)on't ask again"] });
  });

  it('an empty screen: no opinion', () => {
    expect(detectAiderScreen(['', ''])).toBeUndefined();
  });
});
