/**
 * The load: one process that prints a timestamped marker line into every
 * worker pane at `rate` lines a second, by writing to the pane's terminal
 * (`#{pane_tty}`) directly: tmux sees it as the pane's output, and 2000
 * lines a second cost one write each, no process per line. Each worker has
 * its own random phase so the lines are spread evenly.
 *
 * Started with `fork` by the bench: `{type:'start', targets, rate}` starts,
 * `{type:'stop'}` stops and answers `{type:'writes', writes, dropped}`
 * with every marker's key and write time (see nowMs).
 */
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { markerText } from './controlOutput.js';
import { nowMs } from './percentiles.js';

export interface LoadTarget {
  worker: number;
  tty: string;
}
export type GeneratorRequest = { type: 'start'; targets: LoadTarget[]; rate: number } | { type: 'stop' };
export interface GeneratorReport {
  type: 'writes';
  /** Flat pairs: key (`w3n17`), write time (ms), key, time, … */
  writes: Array<string | number>;
  /** Writes refused because the pane's terminal buffer was full (tmux not reading). */
  dropped: number;
}

interface Lane {
  worker: number;
  fd: number;
  due: number;
  sequence: number;
}

const lanes: Lane[] = [];
const writes: Array<string | number> = [];
let dropped = 0;
let period = 0;
let timer: NodeJS.Timeout | undefined;

function tick(): void {
  for (const lane of lanes) {
    let now = nowMs();
    while (lane.due <= now) {
      const text = markerText(lane.worker, lane.sequence);
      try {
        writeSync(lane.fd, `${text}\n`);
        writes.push(`w${lane.worker}n${lane.sequence}`, now);
      } catch {
        dropped++;
      }
      lane.sequence++;
      lane.due += period;
      now = nowMs();
    }
  }
  timer = setTimeout(tick, 1);
}

process.on('message', (message: GeneratorRequest) => {
  if (message.type === 'start') {
    period = 1000 / message.rate;
    const start = nowMs();
    for (const target of message.targets) {
      // Non-blocking: a pane whose terminal is full costs a dropped line, not a stalled generator.
      const fd = openSync(target.tty, constants.O_WRONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
      lanes.push({ worker: target.worker, fd, due: start + Math.random() * period, sequence: 0 });
    }
    tick();
  } else {
    if (timer) clearTimeout(timer);
    for (const lane of lanes) closeSync(lane.fd);
    const report: GeneratorReport = { type: 'writes', writes, dropped };
    process.send!(report, () => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
