import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
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

  it("one process's entries take the gate in turn, even past the wait after which an entry walks through", async () => {
    // No wait at the file at all: only the queue in the process keeps them apart.
    const passes = Array.from({ length: 5 }, () => enterNotifyGate(sel(), 0));
    let holding = 0;
    const settled = passes.map((p) => p.then((pass) => (holding++, pass)));
    for (const [i, next] of settled.entries()) {
      const pass = await next;
      // Only this one holds it: the others are still queued behind it.
      await waitFor(() => expect(holding).toBe(i + 1));
      expect(await Promise.race([settled[i + 1] ?? Promise.resolve('none'), Promise.resolve('queued')])).toBe(i + 1 < settled.length ? 'queued' : 'none');
      await pass.leave();
    }
  });

  it('a process that exits while it holds the gate takes its gate file with it', async () => {
    const file = notifyGateFile(sel());
    const gate = pathToFileURL(path.resolve('dist/src/tmux/notifyGate.js')).href;
    const script = `const m = await import(${JSON.stringify(gate)}); await m.enterNotifyGate({ socketName: ${JSON.stringify(server.socket)} });`
      + ` console.log(require('node:fs').existsSync(${JSON.stringify(file)})); process.exit(0);`;
    const child = await execa(process.execPath, ['--input-type=commonjs', '-e', `(async () => { ${script} })()`]);
    expect(child.stdout).toBe('true');
    expect(existsSync(file)).toBe(false);
  });

  it('never takes the gate of another live process, and breaks one left by a dead process at once', async () => {
    const file = notifyGateFile(sel());
    const other = spawn('sleep', ['30']);
    try {
      await writeFile(file, `${other.pid} other-process`);
      // Walked through after its wait (here 0.3 s): the live holder's gate is left as it was.
      const pass = await enterNotifyGate(sel(), 300);
      expect(await readFile(file, 'utf8')).toBe(`${other.pid} other-process`);
      await pass.leave();
      expect(await readFile(file, 'utf8')).toBe(`${other.pid} other-process`);
      await rm(file, { force: true });
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
