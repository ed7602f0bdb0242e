import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { createTmuxAdapter, type TmuxAdapter } from '../../src/tmux/tmuxAdapter.js';
import { pollWorkers, DEFAULT_POLL } from '../../src/feed/pollWorkers.js';
import type { PaneMemory } from '../../src/feed/capturePlan.js';
import { tmuxProcessStats } from '../../src/tmux/tmuxProcess.js';
import { TargetGoneError } from '../../src/tmux/tmuxErrors.js';
import { workerName } from '../../src/workers/selectWorkers.js';

let server: TestServer;
let adapter: TmuxAdapter;
let dir: string;

async function newPane(name: string, ...command: string[]): Promise<string> {
  return server.tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '20', '-c', dir, '-P', '-F', '#{pane_id}', '--', ...command);
}

beforeAll(async () => {
  server = await startTestServer();
  dir = await mkdtemp(path.join(os.tmpdir(), 'orch-adapter-'));
  adapter = createTmuxAdapter({ server: { socketName: server.socket }, env: {} });
});

afterAll(async () => {
  await adapter.close();
  await server.kill();
});

describe('discovery', () => {
  it('reports every field per pane, with tmux renaming . in session names', async () => {
    const id = await newPane('my.proj', 'sh', '-c', 'printf "ready\\n"; exec sleep 2147483647');
    await server.tmux('split-window', '-d', '-t', id, '--', 'sleep', '2147483647');
    const panes = await adapter.listPanes();
    const pane = panes.find((p) => p.paneId === id)!;
    expect(pane).toMatchObject({
      sessionName: 'my_proj',
      windowIndex: 0,
      paneIndex: 0,
      currentPath: dir,
      dead: false,
      inMode: false,
      alternateOn: false,
      sessionPanes: 2,
      controlTag: '',
      agentOverride: '',
      workerTag: '',
      commandsTag: '',
      selfTag: '',
    });
    expect(pane.sessionId).toMatch(/^\$\d+$/);
    expect(pane.windowId).toMatch(/^@\d+$/);
    expect(pane.panePid).toBeGreaterThan(1);
    expect(pane.width).toBe(100);
    expect(pane.height).toBeGreaterThan(5);
    expect(pane.windowActivity).toBeGreaterThan(1_600_000_000);
    expect(workerName(pane)).toBe('my_proj:0.0');
    // The channel's own session is on the list but marked, so it is never a worker.
    expect(panes.some((p) => p.controlTag !== '')).toBe(true);
  });

  it('reports a dead pane and its exit status when remain-on-exit kept it', async () => {
    // remain-on-exit set in the same tmux command that creates the pane keeps it.
    const paneId = await server.tmux(
      'new-session', '-d', '-s', 'crashy', '-P', '-F', '#{pane_id}', '--', 'sh', '-c', 'echo boom; sleep 0.3; exit 3',
      ';', 'set-option', '-p', 'remain-on-exit', 'on',
    );
    const pane = await waitFor(async () => {
      const p = (await adapter.listPanes()).find((x) => x.paneId === paneId);
      expect(p?.dead).toBe(true);
      return p!;
    });
    // tmux 3.3a marks a pane dead when its output closes and records the
    // status when it reaps the process; now and then (measured: ~1 run in 6,
    // with a control client attached) it never records it. The adapter must
    // report exactly what tmux has: 3 when it has it, nothing when it has not.
    await waitFor(async () => {
      const [raw] = (await server.tmux('display-message', '-p', '-t', paneId, '#{pane_dead_status}')).split('\n');
      const fresh = (await adapter.listPanes()).find((x) => x.paneId === paneId)!;
      expect(fresh.deadStatus).toBe(raw === '' ? undefined : Number(raw));
      if (raw !== '') expect(fresh.deadStatus).toBe(3);
    });
    expect(pane.dead).toBe(true);
  });
});

describe('capture', () => {
  it('captures the tail with colours, emoji and CJK intact', async () => {
    const id = await newPane('colors', 'sh', '-c', 'printf "\\033[31mred\\033[0m 🚀 中文字\\n"; for i in $(seq 1 200); do echo "row $i"; done; exec sleep 2147483647');
    const result = await waitFor(async () => {
      const r = (await adapter.capturePanes([{ paneId: id, historyLines: 300 }])).get(id) as string[];
      expect(r.join('\n')).toContain('row 200');
      return r;
    });
    expect(result.join('\n')).toContain('\u001b[31mred');
    expect(result.join('\n')).toContain('🚀 中文字');
    const tail = (await adapter.capturePanes([{ paneId: id, historyLines: 5 }])).get(id) as string[];
    expect(tail.join('\n')).not.toContain('row 150');
  });

  it('gives a missing pane its own error and the others their lines', async () => {
    const id = await newPane('alive', 'sh', '-c', 'echo here; exec sleep 2147483647');
    const results = await adapter.capturePanes([
      { paneId: '%987654', historyLines: 0 },
      { paneId: id, historyLines: 0 },
    ]);
    expect(results.get('%987654')).toBeInstanceOf(TargetGoneError);
    await waitFor(async () => {
      const again = (await adapter.capturePanes([{ paneId: id, historyLines: 0 }])).get(id) as string[];
      expect(again.join('\n')).toContain('here');
    });
  });
});

describe('the feed', () => {
  it('captures only panes whose screen changed', async () => {
    const quiet = await newPane('quiet', 'sh', '-c', 'echo settled; exec sleep 2147483647');
    // Quiet means done printing: a first look taken before `echo` ran would
    // rightly see the screen change afterwards (it failed that way under load).
    await waitFor(async () => expect(await server.capture(quiet)).toContain('settled'));
    await waitFor(async () => {
      const [pane] = (await adapter.listPanes()).filter((p) => p.paneId === quiet);
      expect(pane?.cursorY).toBe(1);
      expect(pane?.currentCommand).toBe('sleep');
    });
    const memory = new Map<string, PaneMemory>();
    const options = { ...DEFAULT_POLL, recentActivityMs: 0, ownPane: undefined };
    const first = await pollWorkers(adapter, memory, options);
    expect(first.captures.has(quiet)).toBe(true);
    const second = await pollWorkers(adapter, memory, options);
    expect(second.captures.has(quiet)).toBe(false);
    await server.tmux('resize-window', '-t', quiet, '-x', '90', '-y', '18');
    const third = await pollWorkers(adapter, memory, options);
    expect(third.captures.has(quiet)).toBe(true);
  });

  it('with 50 idle worker panes, starts no tmux process per tick', async () => {
    for (let i = 0; i < 50; i++) await server.tmux('new-session', '-d', '-s', `idle${i}`, '--', 'sleep', '2147483647');
    const memory = new Map<string, PaneMemory>();
    const options = { ...DEFAULT_POLL, ownPane: undefined };
    const first = await pollWorkers(adapter, memory, options);
    expect(first.panes.filter((p) => p.sessionName.startsWith('idle'))).toHaveLength(50);
    expect(adapter.channelKind()).toBe('control');
    const spawnedBefore = tmuxProcessStats.spawned;
    for (let tick = 0; tick < 10; tick++) await pollWorkers(adapter, memory, options);
    expect(tmuxProcessStats.spawned).toBe(spawnedBefore);
  });
});
