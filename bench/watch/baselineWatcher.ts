/**
 * The baseline: a watcher written the way peers watch tmux (claude-squad's
 * 500 ms tick): every tick, one `tmux list-panes` process, then one
 * `tmux capture-pane -p -e -J -t %N` process per pane, one after another;
 * the next tick is scheduled when this one has finished. It has no renderer:
 * its "screen" is the capture, so a marker counts as shown when a capture
 * that holds it comes back.
 *
 *   fork: node baselineWatcher.js SOCKET [INTERVAL_MS]
 *
 * Each tick it sends the bench `{type:'tick', seen, spawns}`: the markers
 * seen for the first time (flat key, time pairs) and the tmux processes
 * started so far; `{type:'count'}` is answered with the count at once.
 */
import { execFile } from 'node:child_process';
import { markerKeys } from './controlOutput.js';
import { nowMs } from './percentiles.js';

export type BaselineReport =
  | { type: 'tick'; seen: Array<string | number>; spawns: number }
  /** The answer to `{type:'count'}`: tmux processes started so far. */
  | { type: 'count'; spawns: number };

const socket = process.argv[2]!;
const intervalMs = Number(process.argv[3] ?? 500);
const seenBefore = new Set<string>();
let spawns = 0;

function tmux(args: string[]): Promise<string> {
  spawns++;
  return new Promise((resolve) => {
    execFile('tmux', ['-u', '-L', socket, ...args], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      resolve(error ? '' : stdout);
    });
  });
}

async function tick(): Promise<void> {
  const seen: Array<string | number> = [];
  const panes = (await tmux(['list-panes', '-a', '-F', '#{pane_id}'])).split('\n').filter(Boolean);
  for (const pane of panes) {
    const screen = await tmux(['capture-pane', '-p', '-e', '-J', '-t', pane]);
    const at = nowMs();
    for (const key of markerKeys(screen)) {
      if (seenBefore.has(key)) continue;
      seenBefore.add(key);
      seen.push(key, at);
    }
  }
  const report: BaselineReport = { type: 'tick', seen, spawns };
  process.send?.(report);
  setTimeout(() => void tick(), intervalMs);
}

process.on('message', () => process.send?.({ type: 'count', spawns } satisfies BaselineReport));
process.on('disconnect', () => process.exit(0));
void tick();
