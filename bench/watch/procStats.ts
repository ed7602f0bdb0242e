/**
 * CPU time and memory of a process tree, read from /proc (Linux). The
 * parsers are pure and unit-tested; the readers never throw for a process
 * that ended meanwhile.
 */
import { readFileSync, readdirSync } from 'node:fs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime: this process's own CPU, in clock ticks. */
  selfTicks: number;
  /** cutime + cstime: its children that ended and were waited for. */
  childTicks: number;
}

/** Parses `/proc/<pid>/stat`; the command name may hold spaces and `)`. */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  // Fields after the name, starting with field 3 (state).
  const f = text.slice(close + 2).trim().split(/\s+/);
  const num = (field: number) => Number(f[field - 3]);
  const stat = { pid, ppid: num(4), selfTicks: num(14) + num(15), childTicks: num(16) + num(17) };
  return Object.values(stat).every(Number.isFinite) ? stat : undefined;
}

/** The `Pss:` line of `/proc/<pid>/smaps_rollup`, in kB (undefined when absent). */
export function parsePssKb(text: string): number | undefined {
  const match = /^Pss:\s+(\d+) kB/m.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The `VmRSS:` line of `/proc/<pid>/status`, in kB. */
export function parseVmRssKb(text: string): number | undefined {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The pids of `root` and every descendant, given each process's parent. */
export function descendants(root: number, stats: readonly ProcStat[]): number[] {
  const children = new Map<number, number[]>();
  for (const s of stats) {
    const list = children.get(s.ppid);
    if (list) list.push(s.pid);
    else children.set(s.ppid, [s.pid]);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * CPU ticks of a tree: every live member's own time plus what its ended
 * children left in its cutime/cstime. A member that ends between two reads
 * moves its time into its parent's child ticks, so a difference of two
 * reads counts it once.
 */
export function treeTicks(root: number, stats: readonly ProcStat[]): number {
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  let ticks = 0;
  for (const pid of descendants(root, stats)) {
    const s = byPid.get(pid);
    if (s) ticks += s.selfTicks + s.childTicks;
  }
  return ticks;
}

/** Percent of one core used between two tick readings. */
export function cpuPercent(ticksBefore: number, ticksAfter: number, seconds: number, clockTicks = 100): number {
  return ((ticksAfter - ticksBefore) / clockTicks / seconds) * 100;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Every process's stat line now. */
export function readAllStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const text = readText(`/proc/${name}/stat`);
    const stat = text ? parseProcStat(text) : undefined;
    if (stat) stats.push(stat);
  }
  return stats;
}

/** CPU ticks of `root`'s tree now. */
export function readTreeTicks(root: number): number {
  return treeTicks(root, readAllStats());
}

/** CPU ticks of one process only (its own, not its children's): a tmux server. */
export function readSelfTicks(pid: number): number {
  const text = readText(`/proc/${pid}/stat`);
  return (text && parseProcStat(text)?.selfTicks) || 0;
}

/** Memory of a tree now: the sum of Pss (kB) and the root's own VmRSS (kB). */
export function readTreeMemory(root: number): { pssKb: number; rootRssKb: number; pids: number[] } {
  const pids = descendants(root, readAllStats());
  let pssKb = 0;
  for (const pid of pids) pssKb += parsePssKb(readText(`/proc/${pid}/smaps_rollup`) ?? '') ?? 0;
  return { pssKb, rootRssKb: parseVmRssKb(readText(`/proc/${root}/status`) ?? '') ?? 0, pids };
}

/** Waits until a process has ended, SIGKILLing it after `ms`. */
export async function reap(pids: number[], ms: number): Promise<void> {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + ms;
  while (pids.some(alive) && Date.now() < deadline) await sleep(50);
  for (const pid of pids.filter(alive)) {
    try {
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}

