import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSync, writeSync, closeSync } from 'node:fs';
import stripAnsi from 'strip-ansi';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { createTmuxAdapter, type CaptureRequest, type TmuxAdapter } from '../../src/tmux/tmuxAdapter.js';
import { createOrchStore, type OrchStore } from '../../src/store/orchStore.js';
import { LiveFeed } from '../../src/feed/liveFeed.js';

/**
 * The live feed against a real tmux server. The safety poll is set to a
 * minute, so everything seen within seconds came from tmux's notifications
 * and the output watcher, not from polling.
 */

const SAFETY_MS = 60_000;

let server: TestServer;
let adapter: TmuxAdapter;
let captured: CaptureRequest[];
let feed: LiveFeed | undefined;

beforeAll(async () => {
  server = await startTestServer();
  const real = createTmuxAdapter({ server: { socketName: server.socket }, env: {} });
  captured = [];
  adapter = {
    ...real,
    capturePanes: (requests) => {
      captured.push(...requests);
      return real.capturePanes(requests);
    },
  };
});

afterEach(async () => {
  await feed?.stop();
  feed = undefined;
});

afterAll(async () => {
  await adapter.close();
  await server.kill();
});

interface Worker {
  id: string;
  session: string;
  tty: string;
}

async function newWorker(name: string, ...command: string[]): Promise<Worker> {
  const out = await server.tmux(
    'new-session', '-d', '-s', name, '-x', '80', '-y', '20', '-P', '-F', '#{pane_id} #{session_id} #{pane_tty}', '--',
    ...(command.length > 0 ? command : ['sleep', '2147483647']),
  );
  const [id, session, tty] = out.trim().split(' ');
  return { id: id!, session: session!, tty: tty! };
}

/** Until the output client on the worker's session is attached, output events cannot come. */
async function waitForWatch(live: LiveFeed, worker: Worker): Promise<void> {
  await waitFor(() => expect(live.outputWatch?.attached.has(worker.session)).toBe(true), {
    timeoutMs: 10_000,
    message: 'the output client never attached',
  });
}

/** Print into a pane the way its program would: by writing to its terminal. */
function print(tty: string, text: string): void {
  const fd = openSync(tty, 'w');
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

function startFeed(store: OrchStore): LiveFeed {
  feed = new LiveFeed({ adapter, store, intervalMs: 500, safetyMs: SAFETY_MS });
  feed.start();
  return feed;
}

const linesOf = (store: OrchStore, id: string) => (store.getState().output[id] ?? []).join('\n');

async function waitForWorkers(store: OrchStore, ids: string[]): Promise<void> {
  await waitFor(() => {
    const order = store.getState().order;
    for (const id of ids) if (!order.includes(id)) throw new Error(`no ${id} in ${order.join(',')}`);
  }, { timeoutMs: 10_000, message: 'workers never appeared' });
}

describe('live feed', () => {
  it('shows a line printed in a pane on screen within a second, without polling', async () => {
    const a = await newWorker('lf-print');
    const store = createOrchStore();
    const live = startFeed(store);
    await waitForWorkers(store, [a.id]);
    live.setVisible([a.id]);
    await waitForWatch(live, a);
    const marker = `second-${Date.now()}`;
    const printed = Date.now();
    print(a.tty, `${marker}\r\n`);
    await waitFor(() => expect(linesOf(store, a.id)).toContain(marker), { timeoutMs: 2000, intervalMs: 5 });
    // A poll would take SAFETY_MS; the event path takes milliseconds (lenient under load).
    expect(Date.now() - printed).toBeLessThan(1000);
  });

  it('shows a pane on screen from its mirror: no capture-pane of it while it prints, and the mirror agrees with tmux', async () => {
    const a = await newWorker('lf-mirror');
    const store = createOrchStore();
    const live = startFeed(store);
    await waitForWorkers(store, [a.id]);
    live.setVisible([a.id]);
    await waitForWatch(live, a);
    print(a.tty, 'before-seed\r\n');
    await waitFor(() => expect(live.outputWatch?.mirrorLines(a.id)?.join('\n')).toContain('before-seed'), { timeoutMs: 5000, intervalMs: 10 });
    captured.length = 0;
    for (let i = 0; i < 30; i++) print(a.tty, `\u001b[3${i % 8}mmirrored-${i}\u001b[0m\r\n`);
    await waitFor(() => expect(linesOf(store, a.id)).toContain('mirrored-29'), { timeoutMs: 5000, intervalMs: 10 });
    expect(captured.map((r) => r.paneId)).not.toContain(a.id);
    // Quiet now: the watcher compares the mirror with a capture, and they agree.
    await waitFor(() => expect(live.outputWatch?.mirrorStats.compared).toBeGreaterThan(0), { timeoutMs: 5000, intervalMs: 50 });
    expect(live.outputWatch?.mirrorStats).toMatchObject({ disagreed: 0, disagreedQuiet: 0 });
  });

  it('captures a pane off screen only when it comes on screen', async () => {
    const on = await newWorker('lf-on');
    const off = await newWorker('lf-off');
    const store = createOrchStore();
    const live = startFeed(store);
    await waitForWorkers(store, [on.id, off.id]);
    live.setVisible([on.id]);
    await waitForWatch(live, on);
    captured.length = 0;
    for (let i = 0; i < 5; i++) print(off.tty, `hidden-${i}\r\n`);
    const lastOn = `on-again-${Date.now()}`;
    print(on.tty, `${lastOn}\r\n`);
    await waitFor(() => expect(linesOf(store, on.id)).toContain(lastOn), { timeoutMs: 3000, intervalMs: 10 });
    expect(captured.map((r) => r.paneId)).not.toContain(off.id);
    expect(linesOf(store, off.id)).not.toContain('hidden-4');

    live.setVisible([on.id, off.id]);
    await waitFor(() => expect(linesOf(store, off.id)).toContain('hidden-4'), { timeoutMs: 3000, intervalMs: 10 });
  });

  it('sees sessions come and go from notifications', async () => {
    const store = createOrchStore();
    startFeed(store);
    await waitFor(() => expect(store.getState().server.kind).toBe('ok'), { timeoutMs: 10_000 });
    const fresh = await newWorker('lf-fresh');
    await waitForWorkers(store, [fresh.id]);
    await server.tmux('kill-session', '-t', '=lf-fresh');
    await waitFor(() => expect(store.getState().order).not.toContain(fresh.id), { timeoutMs: 5000 });
  });

  it('survives a watcher that stops reading: tmux pauses the pane, the feed resumes it', async () => {
    const flood = await newWorker(
      'lf-flood', 'sh', '-c', 'read go; yes flood-flood-flood | head -c 40000000; echo flood-done; exec sleep 2147483647',
    );
    const store = createOrchStore();
    const live = startFeed(store);
    await waitForWorkers(store, [flood.id]);
    live.setVisible([flood.id]);
    await waitForWatch(live, flood);
    const pid = live.outputWatch!.pid!;
    // Stopped before the flood starts (Enter starts it): tmux cannot hand it any output.
    process.kill(pid, 'SIGSTOP');
    try {
      await server.tmux('send-keys', '-t', flood.id, 'Enter');
      await waitFor(async () => expect(await server.capture(flood.id)).toContain('flood-done'), {
        timeoutMs: 30_000,
        intervalMs: 100,
        message: 'the flooding worker was blocked by the stopped watcher',
      });
      // Held past tmux's pause-after (2 s) on purpose: a pane that far behind
      // must be paused by tmux (not block its program) and resumed by us.
      await new Promise((resolve) => setTimeout(resolve, 3000));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const watch = live.outputWatch!;
    const comparedAtWake = watch.mirrorStats.compared;
    // tmux paused the pane (its output is over 2 s old) and dropped what it
    // held; the watcher hears %pause (tmux 3.3a holds it back until a
    // command is sent: see outputClient.ts), resumes the pane and seeds its
    // mirror again, so the screen shows the flood's end.
    await waitFor(() => expect(watch.pauses).toBeGreaterThan(0), { timeoutMs: 10_000, intervalMs: 20 });
    await waitFor(() => expect(linesOf(store, flood.id)).toContain('flood-done'), { timeoutMs: 10_000, intervalMs: 20 });
    // And the mirror is right: once the pane is quiet the watcher compares
    // it with a fresh capture, and they agree.
    await waitFor(() => expect(watch.mirrorStats.compared).toBeGreaterThan(comparedAtWake), { timeoutMs: 10_000, intervalMs: 50 });
    expect(watch.mirrorStats).toMatchObject({ disagreedQuiet: 0 });
    // The store has what the mirror had at the feed's next frame (it was behind once in a full run, read at once).
    const lastLine = (await server.capture(flood.id)).trimEnd().split('\n').at(-1);
    const tail = (lines: readonly string[] | string | undefined) => JSON.stringify(stripAnsi([lines ?? ''].flat().join('\n')).trimEnd().split('\n').slice(-3));
    await waitFor(() => expect(stripAnsi(linesOf(store, flood.id)).trimEnd().split('\n').at(-1)).toBe(lastLine), { timeoutMs: 5000, intervalMs: 20 })
      .catch((error: Error) => {
        // Which layer is behind: the watcher's mirror, or the store.
        throw new Error(`${error.message}; the store's last lines ${tail(linesOf(store, flood.id))}, the mirror's ${tail(watch.mirrorLines(flood.id))}, stats ${JSON.stringify(watch.mirrorStats)}, pauses ${watch.pauses}`);
      });
  }, 60_000);

  it('a watcher stopped while its pane is quiet: nothing is paused, and the pane shows the next line from its mirror', async () => {
    const quiet = await newWorker('lf-quiet');
    const store = createOrchStore();
    const live = startFeed(store);
    await waitForWorkers(store, [quiet.id]);
    live.setVisible([quiet.id]);
    await waitForWatch(live, quiet);
    print(quiet.tty, 'before-stop\r\n');
    await waitFor(() => expect(linesOf(store, quiet.id)).toContain('before-stop'), { timeoutMs: 5000, intervalMs: 10 });
    const watch = live.outputWatch!;
    // The pane is mirrored before the watcher stops (on a loaded machine the
    // store can show the line, captured, before the mirror is seeded; a pane
    // never mirrored is captured after the wake, which is not this case).
    await waitFor(() => expect(watch.mirrorLines(quiet.id)?.join('\n')).toContain('before-stop'), { timeoutMs: 5000, intervalMs: 10 });
    captured.length = 0;
    const pid = watch.pid!;
    process.kill(pid, 'SIGSTOP');
    try {
      // Past pause-after (2 s): a pane with nothing queued is never paused.
      await new Promise((resolve) => setTimeout(resolve, 3000));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const marker = `after-wake-${Date.now()}`;
    print(quiet.tty, `${marker}\r\n`);
    await waitFor(() => expect(linesOf(store, quiet.id)).toContain(marker), { timeoutMs: 5000, intervalMs: 10 });
    expect(watch.pauses).toBe(0);
    expect(captured.map((r) => r.paneId)).not.toContain(quiet.id);
    const comparedBefore = watch.mirrorStats.compared;
    await waitFor(() => expect(watch.mirrorStats.compared).toBeGreaterThan(comparedBefore), { timeoutMs: 5000, intervalMs: 50 });
    expect(watch.mirrorStats).toMatchObject({ disagreed: 0, disagreedQuiet: 0 });
  }, 30_000);
});

describe('live feed across a server restart', () => {
  it('forgets what it knew about pane ids the new server hands out again', async () => {
    const own = await startTestServer();
    const ownAdapter = createTmuxAdapter({ server: { socketName: own.socket }, env: {} });
    const store = createOrchStore();
    const live = new LiveFeed({ adapter: ownAdapter, store, intervalMs: 300, safetyMs: SAFETY_MS });
    try {
      const first = await own.tmux('new-session', '-d', '-s', 'before', '-P', '-F', '#{pane_id}', '--', 'sh', '-c', 'echo old-server-line; exec sleep 2147483647');
      live.start();
      await waitFor(() => expect(linesOf(store, first.trim())).toContain('old-server-line'), { timeoutMs: 10_000 });

      await own.tmux('kill-server');
      await waitFor(() => expect(store.getState().server.kind).toBe('unavailable'), { timeoutMs: 10_000 });
      await own.tmux('new-session', '-d', '-s', 'keeper', '--', 'sleep', '2147483647');
      const second = await own.tmux('new-session', '-d', '-s', 'after', '-P', '-F', '#{pane_id}', '--', 'sh', '-c', 'echo new-server-line; exec sleep 2147483647');
      // The same id on the new server: what it shows must be the new pane's.
      expect(second.trim()).toBe(first.trim());
      await waitFor(() => {
        expect(store.getState().workers[second.trim()]?.name).toBe('after');
        expect(linesOf(store, second.trim())).toContain('new-server-line');
      }, { timeoutMs: 15_000 });
      expect(linesOf(store, second.trim())).not.toContain('old-server-line');
    } finally {
      await live.stop();
      await ownAdapter.close();
      await own.kill();
    }
  }, 60_000);
});
