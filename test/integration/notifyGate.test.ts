import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { startTestServer, type TestServer } from '../harness/tmuxServer.js';
import { ControlModeClient } from '../../src/tmux/controlModeClient.js';
import { runTmuxProcess } from '../../src/tmux/tmuxProcess.js';
import { enterNotifyGate, notifiesControlClients, notifyGateFile } from '../../src/tmux/notifyGate.js';

/**
 * tmux 3.3a's server crashes (a null pointer) when it tells a control client
 * that is still identifying itself about a session made or killed, or a
 * client detached (tmux issue 4980): a shell loop attaching `tmux -C`
 * clients beside one making and killing sessions took a server down within
 * a second here. Through orch-tui's notify gate the same churn leaves it up.
 */
let server: TestServer;
const sel = () => ({ socketName: server.socket });

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.kill();
});

describe('the notify gate', () => {
  it('control clients attach and detach while sessions are made and killed, and the server stays up', async () => {
    // A fixed amount of churn, however slow the machine: the ungated version
    // of these loops crashed tmux 3.3a here within half a second.
    const ROUNDS = 50;
    const attachLoop = async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const client = new ControlModeClient(sel(), { session: 'keeper' });
        await client.start();
        await client.close();
      }
    };
    const sessionLoop = async (name: string) => {
      for (let i = 0; i < ROUNDS; i++) {
        await runTmuxProcess(sel(), ['new-session', '-d', '-s', `${name}${i}`, '--', 'sleep', '60']);
        await runTmuxProcess(sel(), ['kill-session', '-t', `=${name}${i}`]);
      }
    };
    await Promise.all([attachLoop(), attachLoop(), sessionLoop('a'), sessionLoop('b')]);
    expect(await server.tmux('list-sessions', '-F', '#{session_name}')).toBe('keeper');
  }, 60_000);

  it('names the commands control clients are told of, and only those', () => {
    expect(notifiesControlClients(['new-session', '-d', '-s', 'x'])).toBe(true);
    expect(notifiesControlClients(['-N', 'kill-session', '-t', '$1'])).toBe(true);
    expect(notifiesControlClients(['-f', '/dev/null', 'new-session', '-d'])).toBe(true);
    expect(notifiesControlClients(['send-keys', '-t', '%1', 'Enter'])).toBe(true);
    expect(notifiesControlClients(['capture-pane', '-p', '-t', '%1'])).toBe(false);
    expect(notifiesControlClients(['list-panes', '-a'])).toBe(false);
    expect(notifiesControlClients(['load-buffer', '-b', 'new-session', '-'])).toBe(false);
  });

  it("one process's entries take the gate in turn, however long the queue", async () => {
    let inside = 0;
    let most = 0;
    const hold = async () => {
      const pass = await enterNotifyGate(sel());
      most = Math.max(most, ++inside);
      await new Promise((resolve) => setTimeout(resolve, 600));
      inside--;
      await pass.leave();
    };
    const started = Date.now();
    // 3 s of holds in all: past the 2 s after which a wait at the file walks through.
    await Promise.all(Array.from({ length: 5 }, hold));
    expect(most).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  }, 10_000);

  it('a process that exits while it holds the gate takes its gate file with it', async () => {
    const file = notifyGateFile(sel());
    const gate = pathToFileURL(path.resolve('dist/src/tmux/notifyGate.js')).href;
    const script = `const m = await import(${JSON.stringify(gate)}); await m.enterNotifyGate({ socketName: ${JSON.stringify(server.socket)} });`
      + ` console.log(require('node:fs').existsSync(${JSON.stringify(file)})); process.exit(0);`;
    const child = await execa(process.execPath, ['--input-type=commonjs', '-e', `(async () => { ${script} })()`]);
    expect(child.stdout).toBe('true');
    expect(existsSync(file)).toBe(false);
  });

  it('waits for a gate held by another live process, and breaks one left by a dead process at once', async () => {
    const file = notifyGateFile(sel());
    const other = spawn('sleep', ['30']);
    try {
      await writeFile(file, `${other.pid} other-process`);
      const started = Date.now();
      setTimeout(() => void rm(file, { force: true }), 300);
      const pass = await enterNotifyGate(sel());
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      await pass.leave();
    } finally {
      other.kill();
    }

    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    await writeFile(file, `${dead.pid} left-over`);
    const before = Date.now();
    const after = await enterNotifyGate(sel());
    // Not the 2 s after which a wait walks through.
    expect(Date.now() - before).toBeLessThan(1500);
    await after.leave();
  });
});
