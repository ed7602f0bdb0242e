/**
 * The process tree from /proc, and which agent runs in a pane. Reading it
 * costs one readdir plus two small reads per process, a few ms for a few
 * hundred processes; callers read it once per poll and share it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AgentKind } from './agentState.js';

/** One process as /proc shows it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** `/proc/<pid>/comm`-style name from stat (at most 15 bytes). */
  comm: string;
  /** argv from /proc/<pid>/cmdline (empty for kernel threads). */
  args: string[];
  /** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot (what Claude's `procStart` holds). */
  startTime: number;
  /** Field 3: `R` running, `S` sleeping, `D`, `Z`, `T`, ... */
  state: string;
  /** Field 5: the process group. */
  pgrp: number;
  /** Field 8: the foreground process group of its controlling terminal (-1 or 0 without one). */
  tpgid: number;
}

/** What /proc/<pid>/stat says of a process (everything but its pid and argv). */
export type StatFields = Omit<ProcessInfo, 'pid' | 'args'>;

/** pid → process, for one moment. */
export type ProcessTree = ReadonlyMap<number, ProcessInfo>;

/** Every process visible in `/proc` (processes that vanish mid-read are skipped). */
export async function readProcessTree(procRoot = '/proc'): Promise<ProcessTree> {
  const names = await readdir(procRoot).catch(() => [] as string[]);
  const entries = await Promise.all(
    names.filter((name) => /^\d+$/.test(name)).map((name) => readProcess(procRoot, Number(name))),
  );
  return new Map(entries.filter((p): p is ProcessInfo => p !== undefined).map((p) => [p.pid, p]));
}

async function readProcess(procRoot: string, pid: number): Promise<ProcessInfo | undefined> {
  try {
    const [stat, cmdline] = await Promise.all([
      readFile(`${procRoot}/${pid}/stat`, 'utf8'),
      readFile(`${procRoot}/${pid}/cmdline`, 'utf8').catch(() => ''),
    ]);
    const parsed = parseStat(stat);
    if (!parsed) return undefined;
    return { pid, ...parsed, args: cmdline.split('\0').filter((arg, i, all) => arg !== '' || i < all.length - 1) };
  } catch {
    return undefined; // it exited while we looked
  }
}

/**
 * Parses /proc/<pid>/stat. The name sits in parentheses and may itself hold
 * spaces and `)`, so fields are counted from the last `)`.
 */
export function parseStat(stat: string): StatFields | undefined {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const fields = stat.slice(close + 2).split(' '); // fields[0] is field 3 (state)
  const [ppid, pgrp, tpgid, startTime] = [fields[1], fields[2], fields[5], fields[19]].map(Number) as [number, number, number, number];
  if (![ppid, pgrp, tpgid, startTime].every(Number.isInteger)) return undefined;
  return { ppid, comm: stat.slice(open + 1, close), startTime, state: fields[0] ?? '', pgrp, tpgid };
}

/**
 * `procStart` of a live process as Claude Code writes it: field 22 of
 * /proc/<pid>/stat as a decimal string; undefined when the pid is gone.
 */
export async function procStartOf(pid: number, procRoot = '/proc'): Promise<string | undefined> {
  const stat = await readFile(`${procRoot}/${pid}/stat`, 'utf8').catch(() => undefined);
  const parsed = stat === undefined ? undefined : parseStat(stat);
  return parsed ? String(parsed.startTime) : undefined;
}

/** All descendants of `pid`, breadth first (nearest first). */
export function descendants(tree: ProcessTree, pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const p of tree.values()) {
    if (p.pid !== p.ppid) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  }
  const out: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (out.includes(next)) continue; // guards against a pid reused into a loop mid-read
    out.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return out;
}

/** How many parent steps from `pid` up to `ancestor` (0 = itself), or undefined when not below it. */
export function depthBelow(tree: ProcessTree, pid: number, ancestor: number): number | undefined {
  let current: number | undefined = pid;
  for (let depth = 0; current !== undefined && depth < 64; depth++) {
    if (current === ancestor) return depth;
    const parent: number | undefined = tree.get(current)?.ppid;
    current = parent === undefined || parent === current ? undefined : parent;
  }
  return undefined;
}

/** Interpreters whose script (the first non-option argument) names the program. */
const INTERPRETERS = /^(?:node|nodejs|bun|deno|python\d?(?:\.\d+)?|pypy\d?)$/;

/** Which agent a process is, from its name and argv (never from its arguments' text). */
export function agentOfProcess(p: Pick<ProcessInfo, 'comm' | 'args'>): AgentKind | undefined {
  const program = p.args[0] ? basename(p.args[0]) : p.comm;
  const names = [p.comm, program];
  if (INTERPRETERS.test(program)) {
    const script = p.args.slice(1).find((arg) => !arg.startsWith('-'));
    if (script) names.push(basename(script), script);
    if (p.args.includes('-m')) names.push(p.args[p.args.indexOf('-m') + 1] ?? '');
  }
  for (const name of names) {
    if (/^claude(?:\.exe)?$/.test(name) || name.includes('/@anthropic-ai/claude-code/')) return 'claude';
    if (/^codex(?:\.js)?$/.test(name) || name.includes('/@openai/codex/')) return 'codex';
    if (/^gemini(?:\.js)?$/.test(name) || name.includes('/@google/gemini-cli/')) return 'gemini';
    if (/^aider(?:-chat)?$/.test(name)) return 'aider';
  }
  return undefined;
}

/**
 * The agent running in a pane: the pane's own process or, nearest first, one
 * of its descendants (an agent started from the pane's shell). tmux's
 * current command is checked first because it is the foreground program.
 */
export function detectAgentKind(panePid: number, currentCommand: string, tree: ProcessTree): AgentKind {
  const byCommand = agentOfProcess({ comm: currentCommand, args: [] });
  if (byCommand) return byCommand;
  for (const pid of [panePid, ...descendants(tree, panePid)]) {
    const p = tree.get(pid);
    const kind = p && agentOfProcess(p);
    if (kind) return kind;
  }
  return 'generic';
}
