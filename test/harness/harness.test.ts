/**
 * Proves the harness: a real Claude Code in a private tmux server, driven by
 * the scripted fake API. Each step checks both the screen and the session file.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from './fakeAnthropic.js';
import {
  makeClaudeHome, readSessionFile, sendPrompt, startClaudeInTmux,
  type ClaudeEnv, type ClaudePane, type ClaudeSessionFile,
} from './claudeWorker.js';
import { startTestServer, waitFor, type TestServer } from './tmuxServer.js';

describe('Claude Code harness', { timeout: 60_000 }, () => {
  let server: TestServer;
  let api: FakeAnthropic;
  let env: ClaudeEnv;
  let claude: ClaudePane;

  beforeAll(async () => {
    server = await startTestServer();
    api = await startFakeAnthropic();
    env = await makeClaudeHome({ baseUrl: api.url });
    claude = await startClaudeInTmux({ socket: server.socket, env, remainOnExit: true });
  }, 60_000);

  afterAll(async () => {
    await server?.kill();
    await api?.close();
    if (env) {
      await rm(env.home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      await rm(env.cwd, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
  });

  const screen = () => server.capture(claude.paneId);
  const screenContains = (text: string | RegExp, timeoutMs = 10_000) =>
    waitFor(async () => {
      const s = await screen();
      if (typeof text === 'string' ? !s.includes(text) : !text.test(s)) throw new Error(`screen lacks ${text}:\n${s}`);
      return s;
    }, { timeoutMs, message: `waiting for ${text} on screen` });
  const sessionIs = (status: string, timeoutMs = 10_000) =>
    waitFor(async () => {
      const file = await readSessionFile(env, claude.pid);
      if (file?.status !== status) throw new Error(`status is ${file?.status}`);
      return file;
    }, { timeoutMs, intervalMs: 50, message: `waiting for session status ${status}` });

  it('starts idle, and its session file names the pane', async () => {
    const file: ClaudeSessionFile = await sessionIs('idle');
    expect(file.pid).toBe(claude.pid);
    expect(file.cwd).toBe(env.cwd);
    expect(file.tmux).toMatch(new RegExp(`^${claude.sessionName}:@\\d+\\.${claude.paneId}$`));
    expect(await screen()).toContain('❯');
  });

  it('delivers the typed text byte-exact and shows the reply', async () => {
    const typed = 'héllo "wörld" $HOME `x` 🚀 \\ back; 中文';
    api.enqueue({ kind: 'text', text: 'Reply number one.' });
    await sendPrompt(server.socket, claude.paneId, typed);
    const request = await api.waitForRequest((r) => r.kind === 'main' && r.lastUserText === typed, 10_000);
    expect(request.userTexts).toEqual([typed]);
    expect(api.lastUserText()).toBe(typed);
    await screenContains('Reply number one.');
    await screenContains(/✻ \S+ for \d+s/);
    await sessionIs('idle');
  });

  it('shows the working state during a slow reply', async () => {
    api.enqueue({ kind: 'text', text: 'A slow and steady answer.', delayMs: 600, chunks: 4 });
    await sendPrompt(server.socket, claude.paneId, 'Take your time');
    await sessionIs('busy', 3_000);
    const working = await screenContains('esc to interrupt', 3_000);
    expect(working).not.toContain('A slow and steady answer.');
    await screenContains('A slow and steady answer.', 10_000);
    await sessionIs('idle');
  });

  it('asks permission for a Bash tool call', async () => {
    api.enqueue({ kind: 'tool', tool: 'Bash', input: { command: 'rm -rf build && npm test', description: 'Clean and test' } });
    await sendPrompt(server.socket, claude.paneId, 'Run the tests');
    const prompt = await screenContains('Do you want to proceed?');
    expect(prompt).toContain('rm -rf build && npm test');
    const file = await sessionIs('waiting');
    expect(file.waitingFor).toBe('permission prompt');
    await server.tmux('send-keys', '-t', claude.paneId, 'Escape');
    await sessionIs('idle');
    await screenContains('Interrupted');
    // The next message carries an "[Request interrupted ...]" block before the typed one.
    await sendPrompt(server.socket, claude.paneId, 'Never mind');
    const next = await api.waitForRequest((r) => r.kind === 'main' && r.lastUserText === 'Never mind', 10_000);
    expect(next.userTexts.at(-2)).toBe('Run the tests');
  });
});
