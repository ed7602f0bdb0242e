/**
 * Ending a server before removing what its programs use (the demo's quit,
 * a closed terminal): endServerNow returns once the programs of its panes
 * have exited, so one still writing as it is hung up has written before
 * the removal, not after it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { endServerNow } from '../../src/tmux/endServerNow.js';

let server: TestServer | undefined;
let dir: string | undefined;

afterEach(async () => {
  await server?.kill();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('ending a server now', () => {
  it('returns after a pane program that writes as it is hung up has written', async () => {
    server = await startTestServer();
    dir = await mkdtemp(path.join(os.tmpdir(), 'orch-end-server-'));
    const wrote = path.join(dir, 'last-words');
    // Hung up, it takes 400 ms to write its last file, then exits.
    const program = `process.on('SIGHUP', () => setTimeout(() => { require('fs').writeFileSync(${JSON.stringify(wrote)}, 'x'); process.exit(0); }, 400)); console.log('ready'); setInterval(() => {}, 1000);`;
    await server.tmux('new-session', '-d', '-s', 'slow', '--', process.execPath, '-e', program);
    await waitFor(async () => expect(await server!.tmux('capture-pane', '-p', '-t', 'slow')).toContain('ready'), { timeoutMs: 10_000 });
    endServerNow({ socketName: server.socket }, []);
    expect(existsSync(wrote)).toBe(true);
    await expect(server.tmux('list-sessions')).rejects.toThrow();
  });

  it('does not wait for the process it runs in, nor for a server that is not there', () => {
    const started = Date.now();
    endServerNow({ socketName: `orch-test-none-${process.pid}` });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
