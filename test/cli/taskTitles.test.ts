import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { execa } from 'execa';
import { startTestServer, type TestServer } from '../harness/tmuxServer.js';

const CLI = path.resolve('dist/src/cli.js');
let server: TestServer;
let dir: string;

const orch = (args: string[]) =>
  execa(process.execPath, [CLI, '-L', server.socket, ...args], {
    reject: false, stdin: 'ignore', env: { TMUX: '', XDG_STATE_HOME: path.join(dir, 'state') },
  });

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'orch-titles-'));
  await server.tmux('new-session', '-d', '-s', 'backend', '-c', dir, '--', 'sleep', '100000');
});

afterAll(async () => {
  await server?.kill();
  await rm(dir, { recursive: true, force: true });
});

describe('the status report names tasks readably', () => {
  it('by the title given with task add --title, else by the first sentence, never cut mid-sentence', async () => {
    const long = 'Create the authentication API in auth/handler.go. Implement JWT token\ngeneration and validation middleware.';
    expect((await orch(['task', 'add', 'backend', long])).stdout).toBe('t1');
    expect((await orch(['task', 'add', 'backend', '--title', 'Docs pass', 'Go through every README and fix what is out of date'])).stdout).toBe('t2');
    const status = await orch(['status']);
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.stdout).toContain('  📋 Next: Create the authentication API in auth/handler.go\n');
    const tasks = JSON.parse((await orch(['task', 'ls', '--json'])).stdout) as Array<{ id: string; title?: string }>;
    expect(tasks.find((t) => t.id === 't2')?.title).toBe('Docs pass');
    // The second task shows by its title once the first is out of the way.
    expect((await orch(['task', 'cancel', 't1'])).exitCode).toBe(0);
    expect((await orch(['status'])).stdout).toContain('  📋 Next: Docs pass\n');
  });
});
