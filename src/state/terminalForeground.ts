/**
 * Who holds a shell's terminal, read from /proc: the fact that tells a shell
 * running a script, a loop, a build or `sleep` from a shell at its prompt.
 * `pane_current_command` cannot: a script run by bash shows as `bash`, the
 * shell at its prompt too. The detectors stay pure: this is read here and
 * handed to them as an input (`PaneFacts.foreground`).
 */
import { readFile } from 'node:fs/promises';
import { parseStat, type StatFields } from './processTree.js';

/** A foreground job of the pane's terminal other than the pane's own process. */
export interface ForegroundJob {
  pid: number;
  /** Its short name (`/proc/<pid>/comm`: `sleep`, `make`, a script's file name). */
  name: string;
  /** Its command line, shortened, for evidence. */
  command: string;
}

/** The terminal's foreground as seen from the pane's own process. */
export interface TerminalForeground {
  /** The pane's own program (`/proc/<pid>/comm`), e.g. `bash`. */
  program: string;
  /** A job runs in the foreground: another process group holds the terminal, or a child in the shell's own group (a non-interactive `sh -c`). */
  job?: ForegroundJob;
  /** The pane's own process is on a CPU (state R) rather than waiting: a shell running a loop of builtins. */
  running: boolean;
  /** The numbers that decided, for the evidence line. */
  evidence: string;
}

const MAX_COMMAND = 60;

async function statOf(procRoot: string, pid: number): Promise<StatFields | undefined> {
  const text = await readFile(`${procRoot}/${pid}/stat`, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseStat(text);
}

async function commandOf(procRoot: string, pid: number, fallback: string): Promise<string> {
  const raw = await readFile(`${procRoot}/${pid}/cmdline`, 'utf8').catch(() => '');
  const command = raw.split('\0').filter(Boolean).join(' ') || fallback;
  return command.length > MAX_COMMAND ? `${command.slice(0, MAX_COMMAND - 1)}…` : command;
}

async function childrenOf(procRoot: string, pid: number): Promise<number[]> {
  const raw = await readFile(`${procRoot}/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return raw.split(' ').filter(Boolean).map(Number).filter(Number.isInteger);
}

async function jobOf(procRoot: string, pid: number, stat: StatFields): Promise<ForegroundJob> {
  return { pid, name: stat.comm, command: await commandOf(procRoot, pid, stat.comm) };
}

/**
 * The foreground of the terminal of `panePid` (a pane's own process): a few
 * small reads of /proc, no walk of the process table. Undefined when the
 * process is gone or has no terminal.
 */
export async function readTerminalForeground(panePid: number, procRoot = '/proc'): Promise<TerminalForeground | undefined> {
  const own = await statOf(procRoot, panePid);
  if (!own || own.tpgid <= 0) return undefined;
  const running = own.state === 'R';
  if (own.tpgid !== own.pgrp) {
    // Job control gave the terminal to another group: its leader is the job.
    const leader = await statOf(procRoot, own.tpgid);
    const job = leader
      ? await jobOf(procRoot, own.tpgid, leader)
      : { pid: own.tpgid, name: `process group ${own.tpgid}`, command: `process group ${own.tpgid}` };
    return { program: own.comm, job, running, evidence: `foreground process group ${own.tpgid} (${job.command}), not ${own.comm}'s ${own.pgrp}` };
  }
  // The shell's own group holds the terminal. A shell without job control
  // (`sh -c 'script'`) runs its commands in that group: a child there is a job.
  for (const child of await childrenOf(procRoot, panePid)) {
    const stat = await statOf(procRoot, child);
    if (stat && stat.pgrp === own.tpgid && stat.state !== 'Z') {
      const job = await jobOf(procRoot, child, stat);
      return { program: own.comm, job, running, evidence: `${job.command} (pid ${child}) runs in ${own.comm}'s foreground process group ${own.pgrp}` };
    }
  }
  return {
    program: own.comm,
    running,
    evidence: running
      ? `no foreground job; ${own.comm} (pid ${panePid}) is running (state R)`
      : `no foreground job: the terminal's foreground process group is ${own.comm}'s own (${own.pgrp})`,
  };
}
