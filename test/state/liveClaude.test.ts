/**
 * Against a real Claude Code in tmux (the harness, fake API): its session
 * file's procStart is /proc/<pid>/stat field 22, the process tree finds it
 * whether it is the pane's process or started from the pane's shell, and
 * decideState reads it.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeArgv, isIdlePrompt, makeClaudeHome, startClaudeInTmux, type ClaudeEnv, type ClaudePane } from '../harness/claudeWorker.js';
import { startFakeAnthropic, type FakeAnthropic } from '../harness/fakeAnthropic.js';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { matchSessionFile, readClaudeSessionFiles, type ClaudeSessionFile } from '../../src/state/claudeSessionFiles.js';
import { decideState } from '../../src/state/decideState.js';
import { detectAgentKind, procStartOf, readProcessTree } from '../../src/state/processTree.js';

describe('a live Claude Code', { timeout: 60_000 }, () => {
  let server: TestServer;
  let api: FakeAnthropic;
  let env: ClaudeEnv;
  let direct: ClaudePane;
  /** A pane whose process is `sh`, which started Claude. */
  let viaShell: { paneId: string; panePid: number };

  beforeAll(async () => {
    server = await startTestServer();
    api = await startFakeAnthropic();
    env = await makeClaudeHome({ baseUrl: api.url });
    direct = await startClaudeInTmux({ socket: server.socket, env });
    const out = await server.tmux(
      'new-session', '-d', '-s', 'via-shell', '-x', '120', '-y', '40', '-c', env.cwd,
      ...Object.entries(env.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
      '-P', '-F', '#{pane_id} #{pane_pid}', '--', 'sh', '-c', '"$@"; echo claude ended', 'sh', ...claudeArgv(),
    );
    const [paneId = '', panePid = ''] = out.trim().split(' ');
    viaShell = { paneId, panePid: Number(panePid) };
    await waitFor(async () => {
      if (!isIdlePrompt(await server.capture(paneId))) throw new Error('no prompt yet');
    }, { timeoutMs: 30_000, message: 'Claude under sh did not start' });
  }, 60_000);

  afterAll(async () => {
    await server?.kill();
    await api?.close();
    if (env) await Promise.all([env.home, env.cwd].map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })));
  });

  const sessionFiles = () => waitFor(async () => {
    const files = await readClaudeSessionFiles(env.configDir);
    if (files.length < 2) throw new Error(`${files.length} session files so far`);
    return files;
  }, { message: 'waiting for both session files' });

  it('writes procStart as field 22 of /proc/<pid>/stat', async () => {
    const files = await sessionFiles();
    const own = files.find((f) => f.pid === direct.pid)!;
    expect(own.procStart).toBe(await procStartOf(direct.pid));
  });

  it('matches each pane to its own file through the process tree', async () => {
    const [files, tree] = await Promise.all([sessionFiles(), readProcessTree()]);
    expect(matchSessionFile(files, { paneId: direct.paneId, panePid: direct.pid }, tree)?.pid).toBe(direct.pid);
    const below = matchSessionFile(files, viaShell, tree);
    expect(below?.pid).not.toBe(viaShell.panePid);
    expect(tree.get(below!.pid)?.ppid).toBe(viaShell.panePid);
    const tampered: ClaudeSessionFile[] = files.map((f) => ({ ...f, procStart: `${f.procStart}0` }));
    expect(matchSessionFile(tampered, { paneId: direct.paneId, panePid: direct.pid }, tree)).toBeUndefined();
  });

  it('recognises Claude as the pane process and as a child of the pane\'s shell', async () => {
    const tree = await readProcessTree();
    const command = async (paneId: string) => (await server.tmux('display-message', '-p', '-t', paneId, '#{pane_current_command}')).trim();
    // The harness execs the real path, so tmux reports `claude.exe`; via the .bin symlink it is `claude`.
    expect(await command(direct.paneId)).toMatch(/^claude(?:\.exe)?$/);
    expect(detectAgentKind(direct.pid, await command(direct.paneId), tree)).toBe('claude');
    // Without tmux's hint, the tree alone finds it below `sh`.
    expect(tree.get(viaShell.panePid)?.comm).toBe('sh');
    expect(detectAgentKind(viaShell.panePid, '', tree)).toBe('claude');
  });

  it('decides idle from the session file, with the screen agreeing', async () => {
    const [files, tree] = await Promise.all([sessionFiles(), readProcessTree()]);
    const sessionFile = matchSessionFile(files, { paneId: direct.paneId, panePid: direct.pid }, tree)!;
    const lines = (await server.capture(direct.paneId, { ansi: true })).split('\n');
    expect(decideState({ kind: 'claude', lines, pane: { dead: false, currentCommand: 'claude' }, sessionFile })).toMatchObject({
      state: 'idle', source: 'session-file', evidence: 'status: "idle"',
    });
  });
});
