import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { claudeBinDir } from '../harness/claudeCode.js';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { startFakeAnthropic, type FakeAnthropic, type RecordedRequest, type ScriptedReply } from '../harness/fakeAnthropic.js';
import { makeClaudeHome, removeClaudeHome, sendPrompt, startClaudeInTmux, type ClaudeEnv, type ClaudePane } from '../harness/claudeWorker.js';

/**
 * The Agent boundary issue's "done when": a real Claude Code orchestrator,
 * set up only by `orch-tui init`, whose (fake) model asks it — as a prompt
 * injection would — to start a shell command as a worker, to type a command
 * into the user's own shell pane, and to read that pane. No file appears,
 * the user's pane receives nothing and is never read (a logging `tmux` on
 * PATH records every tmux command orch-tui runs), and each tool call fails
 * with one sentence.
 */
const CLI = path.resolve('dist/src/cli.js');
const TOOL = (name: string) => `mcp__orch-tui__${name}`;

let server: TestServer;
let fake: FakeAnthropic;
let env: ClaudeEnv;
let orchestrator: ClaudePane;
let userPane: string;
let tmuxLog: string;
let marker: (name: string) => string;

const isOrchestrator = (r: RecordedRequest) => r.userTexts.some((t) => t.startsWith('Please tidy up'));
const toolResults = (r: RecordedRequest) =>
  (r.body?.messages ?? []).flatMap((m: any) => (m.role === 'user' && Array.isArray(m.content) ? m.content : []))
    .filter((b: any) => b?.type === 'tool_result');
const resultText = (b: any) => (typeof b.content === 'string' ? b.content : (b.content ?? []).map((c: any) => c.text ?? '').join(''));

beforeAll(async () => {
  server = await startTestServer();
  fake = await startFakeAnthropic();
  env = await makeClaudeHome({ baseUrl: fake.url });
  marker = (name) => path.join(env.cwd, `${name}.created`);
  // What a prompt injection would have the orchestrator do, one tool call a turn.
  const SCRIPT: ScriptedReply[] = [
    { kind: 'tool', tool: TOOL('create_worker'), input: { name: 'helper', agent: `bash -c 'touch ${marker('create')}'` } },
    { kind: 'tool', tool: TOOL('send_task'), input: { worker: 'mine', text: `touch ${marker('send')}` } },
    { kind: 'tool', tool: TOOL('read_screen'), input: { worker: 'mine' } },
    { kind: 'tool', tool: TOOL('broadcast'), input: { text: `touch ${marker('broadcast')}` } },
    { kind: 'text', text: 'INJECTION OVER.' },
  ];
  fake.setResponder((r) => (r.kind === 'main' && isOrchestrator(r) ? SCRIPT[Math.min(toolResults(r).length, SCRIPT.length - 1)] : undefined));

  // A tmux on PATH that logs each command (one line of its arguments) and runs the real one.
  const bin = path.join(env.home, 'bin');
  tmuxLog = path.join(env.home, 'tmux-commands.log');
  await mkdir(bin);
  const realTmux = (await execa('sh', ['-c', 'command -v tmux'])).stdout.trim();
  await writeFile(path.join(bin, 'tmux'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${tmuxLog}'\nexec '${realTmux}' "$@"\n`);
  await chmod(path.join(bin, 'tmux'), 0o755);
  const claudeBin = claudeBinDir();
  const userEnv = { ...env.env, XDG_STATE_HOME: path.join(env.home, 'state'), PATH: `${bin}:${claudeBin}:${process.env.PATH ?? '/usr/bin:/bin'}` };
  for (const [key, value] of Object.entries(userEnv)) await server.tmux('set-environment', '-g', key, value);

  // The user's own shell, with something on its screen an agent must never see.
  userPane = await server.tmux('new-session', '-d', '-s', 'mine', '-x', '100', '-y', '20', '-c', env.cwd, '-P', '-F', '#{pane_id}', '--',
    'env', 'PS1=mine$ ', 'bash', '--norc', '--noprofile');
  await server.tmux('send-keys', '-t', userPane, '-l', 'echo users-secret-token');
  await server.tmux('send-keys', '-t', userPane, 'Enter');
  await waitFor(async () => expect(await server.capture(userPane)).toMatch(/^users-secret-token$/m));

  const init = await execa(process.execPath, [CLI, '-L', server.socket, 'init', env.cwd], { reject: false });
  expect(init.exitCode, init.stderr).toBe(0);
  // Instrumentation only: Claude Code starts MCP servers with its own idea of PATH, so the
  // logging tmux is put first through the server entry's env (what init wrote is otherwise kept).
  const mcpJson = path.join(env.cwd, '.mcp.json');
  const registered = JSON.parse(await readFile(mcpJson, 'utf8'));
  registered.mcpServers['orch-tui'].env = { PATH: userEnv.PATH };
  await writeFile(mcpJson, JSON.stringify(registered, null, 2));
  orchestrator = await startClaudeInTmux({ socket: server.socket, env, name: 'orchestrator', extraEnv: userEnv });
}, 90_000);

afterAll(async () => {
  await server?.kill();
  await fake?.close();
  if (env) await removeClaudeHome(env);
});

describe('an orchestrator told by a prompt injection to reach past its permissions', () => {
  it('starts nothing, types nothing into the user\'s pane, never reads it; each call fails with one sentence', async () => {
    const before = await server.capture(userPane);
    await sendPrompt(server.socket, orchestrator.paneId, 'Please tidy up the project.');
    const last = await fake.waitForRequest((r) => isOrchestrator(r) && toolResults(r).length === 4, 90_000).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await server.capture(orchestrator.paneId)}`);
    });
    const results = toolResults(last);
    // Every call was made (none needed the user's permission) and every one failed.
    expect(results.map((b: any) => b.is_error)).toEqual([true, true, true, true]);
    const texts = results.map(resultText);
    expect(texts[0]).toMatch(/^create_worker starts only claude, codex, gemini, aider \(by name\), not "bash"; nothing was started\./);
    expect(texts[1]).toMatch(/^No worker named "mine"/);
    expect(texts[2]).toMatch(/^No worker named "mine"/);
    expect(texts[3]).toMatch(/^No workers to broadcast to\./);
    for (const text of texts) expect(text).not.toContain('users-secret-token');

    for (const name of ['create', 'send', 'broadcast']) expect(existsSync(marker(name)), name).toBe(false);
    expect((await server.tmux('list-sessions', '-F', '#{session_name}')).split('\n').sort()).toEqual(['keeper', 'mine', 'orchestrator']);
    expect(await server.capture(userPane)).toBe(before);
    // orch-tui never captured, pasted into or sent keys to the user's pane.
    const commands = (await readFile(tmuxLog, 'utf8')).split('\n');
    expect(commands.some((c) => c.includes('mcp') || c.includes('list-panes'))).toBe(true);
    expect(commands.filter((c) => c.includes(userPane))).toEqual([]);
    await waitFor(async () => expect(await server.capture(orchestrator.paneId)).toContain('INJECTION OVER.'), { timeoutMs: 15_000 });
  }, 150_000);
});
