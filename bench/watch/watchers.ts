/**
 * The watchers under test, behind one interface: the real orch-tui
 * dashboard in a pane of the display server, the baseline watcher, and
 * tmux itself (tmuxNative.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { cleanTmuxEnv } from '../../test/harness/tmuxServer.js';
import { BENCH_DIST, startDisplayServer, workerSession, type BenchServer } from './benchServers.js';
import { DisplayTerminal } from './displayTerminal.js';
import type { BaselineReport } from './baselineWatcher.js';
import { reap, readTreeMemory } from './procStats.js';
import { readMirrorStats, type MirrorCounts } from './mirrorStats.js';
import { startTmuxNative } from './tmuxNative.js';
import type { WatcherName } from './report.js';

export const TERMINAL = { width: 200, height: 50 } as const;
const CLI = path.resolve(BENCH_DIST, '../../src/cli.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunningWatcher {
  name: WatcherName;
  /** The main process: the root of the CPU and memory accounting, and what SIGSTOP freezes. */
  pid: number;
  /** Marker key → when the watcher first showed it. */
  firstSeen: Map<string, number>;
  /** tmux processes the watcher started so far. */
  spawns(): Promise<number>;
  /** The display tmux server's pid (orch-tui only). */
  displayServerPid?: number;
  /** Bytes written to the terminal so far (orch-tui only). */
  outputBytes?(): number;
  /** Key presses timed from send to the frame that shows their effect (orch-tui only). */
  measureKeys?(presses: number): Promise<{ latencies: number[]; timeouts: number }>;
  /** The pane mirrors' running totals (orch-tui only, from ORCH_TUI_MIRROR_STATS). */
  mirrorStats?(): MirrorCounts | undefined;
  stop(): Promise<void>;
}

/** A directory whose `tmux` logs every process started to `log`, then execs the real tmux. */
async function loggingTmux(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const log = path.join(dir, 'tmux-invocations.log');
  const real = execFileSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).trim();
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  await writeFile(path.join(dir, 'tmux'), `#!/bin/sh\necho "$$ $*" >> ${quote(log)}\nexec ${quote(real)} "$@"\n`);
  await chmod(path.join(dir, 'tmux'), 0o755);
  await writeFile(log, '');
  return log;
}

/**
 * orch-tui as a person runs it, in a 200x50 terminal (a pane of the display
 * server), watching the worker server. `env` execs node, so the pane's pid
 * is orch-tui's; TMUX is unset because the worker server is not the one
 * around it; its state directory is the bench's temp dir; its output
 * watcher writes the mirrors' record to `<dir>/mirror-stats.json`.
 */
export async function startOrchTui(workers: BenchServer, dir: string): Promise<RunningWatcher> {
  const bin = path.join(dir, 'bin');
  const log = await loggingTmux(bin);
  const statsFile = path.join(dir, 'mirror-stats.json');
  const display = await startDisplayServer(TERMINAL.width, TERMINAL.height, [
    'env', '-u', 'TMUX', '-u', 'TMUX_PANE', `PATH=${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, `XDG_STATE_HOME=${path.join(dir, 'state')}`,
    `ORCH_TUI_MIRROR_STATS=${statsFile}`,
    process.execPath,
    // ORCH_TUI_BENCH_CPU_PROF=DIR: the dashboard (and the output watcher it forks, which inherits
    // node's flags) writes a .cpuprofile there when it quits. Node 20 refuses --cpu-prof in NODE_OPTIONS.
    ...(process.env['ORCH_TUI_BENCH_CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env['ORCH_TUI_BENCH_CPU_PROF'])}`] : []),
    CLI, '-L', workers.socket, '--no-bell', '--no-notify',
  ]);
  const terminal = new DisplayTerminal(display.socket, 'display');
  const pid = display.panePid;
  let lastTree: number[] = [pid];
  const stop = async () => {
    lastTree = readTreeMemory(pid).pids;
    terminal.close();
    await display.kill(); // SIGHUP: orch-tui quits
    await reap(lastTree, 3000);
  };
  // The first page shows w000 once the dashboard has looked at the server.
  await terminal.waitForText(`${workerSession(0)} · `, 30_000).catch(async (error: unknown) => {
    const screen = await display.tmux('capture-pane', '-p', '-t', display.paneId).catch(() => '');
    await stop();
    throw new Error(`${(error as Error).message}\n--- orch-tui's screen ---\n${screen}`);
  });
  // `env` execs node: the pane's pid must be orch-tui's own node process, or the accounting would be of something else.
  const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
  const size = (await display.tmux('display-message', '-p', '-t', display.paneId, '#{pane_width}x#{pane_height}')).trim();
  if (comm !== 'node' || size !== `${TERMINAL.width}x${TERMINAL.height}`) {
    await stop();
    throw new Error(`orch-tui's pane runs "${comm}" (not node?) in ${size} (not ${TERMINAL.width}x${TERMINAL.height}?)`);
  }
  return {
    name: 'orch-tui',
    pid,
    firstSeen: terminal.firstSeen,
    displayServerPid: display.pid,
    outputBytes: () => terminal.bytes,
    mirrorStats: () => readMirrorStats(statsFile),
    spawns: async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean).length,
    measureKeys: async (presses) => {
      // `?` opens the help (its title is "orch-tui keys"); `?` again closes it
      // and the grid's headers come back.
      const latencies: number[] = [];
      let timeouts = 0;
      for (let i = 0; i < presses; i++) {
        await sleep(100 + Math.random() * 200);
        const needle = i % 2 === 0 ? 'orch-tui keys' : `${workerSession(0)} · `;
        const drawn = terminal.waitForText(needle, 5000);
        const sent = terminal.sendKey(display.paneId, '?', true);
        try {
          latencies.push((await drawn) - sent);
        } catch {
          timeouts++;
          break;
        }
      }
      return { latencies, timeouts };
    },
    stop,
  };
}

/** The baseline watcher (baselineWatcher.ts) as a child process. */
export async function startBaseline(workers: BenchServer): Promise<RunningWatcher> {
  const child: ChildProcess = fork(path.join(BENCH_DIST, 'baselineWatcher.js'), [workers.socket, '500'], {
    env: cleanTmuxEnv(),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const firstSeen = new Map<string, number>();
  let ticked: () => void = () => undefined;
  let counted: (spawns: number) => void = () => undefined;
  child.on('message', (report: BaselineReport) => {
    if (report.type === 'count') return counted(report.spawns);
    for (let i = 0; i < report.seen.length; i += 2) firstSeen.set(report.seen[i] as string, report.seen[i + 1] as number);
    ticked();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the baseline watcher never finished a tick')), 30_000);
    ticked = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  ticked = () => undefined;
  return {
    name: 'baseline',
    pid: child.pid!,
    firstSeen,
    spawns: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the baseline watcher did not answer')), 10_000);
        counted = (spawns) => {
          clearTimeout(timer);
          resolve(spawns);
        };
        child.send({ type: 'count' });
      }),
    stop: async () => {
      const tree = readTreeMemory(child.pid!).pids;
      child.kill('SIGTERM');
      await reap(tree, 3000);
    },
  };
}

export function startWatcher(name: WatcherName, workers: BenchServer, dir: string): Promise<RunningWatcher> {
  if (name === 'tmux') return startTmuxNative(workers);
  return name === 'orch-tui' ? startOrchTui(workers, dir) : startBaseline(workers);
}

