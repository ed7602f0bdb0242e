/**
 * Reading an agent's state where it keeps it: the process table (/proc),
 * Claude Code's session files (and, later, its hooks). A room of its own:
 * the live feed and dispatch (send, wait, the task engine) both read
 * through it, and the store depends on neither (it takes a DecidedState).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PaneInfo } from '../tmux/paneFormat.js';
import type { AgentKind, StateDecision } from '../state/agentState.js';
import { decideState } from '../state/decideState.js';
import { claudeConfigDir, matchSessionFile, parseSessionFile, type ClaudeSessionFile } from '../state/claudeSessionFiles.js';
import { agentOfProcess, descendants, detectAgentKind, readProcessTree, type ProcessTree } from '../state/processTree.js';
import { readTerminalForeground, type TerminalForeground } from '../state/terminalForeground.js';
import { isShell } from '../state/screenLines.js';
import { agentReportOf, type AgentReport } from '../reports/agentReport.js';

/** What the state decision reads besides the screen: the process table. */
export interface StateSources {
  tree: ProcessTree;
  /** When the machine booted (process start times count from it), ms since the epoch. */
  bootTimeMs: number | undefined;
}

let bootTime: Promise<number | undefined> | undefined;
/** `btime` of /proc/stat; Linux counts process start in 100 Hz ticks after it. */
function readBootTime(): Promise<number | undefined> {
  bootTime ??= readFile('/proc/stat', 'utf8').then(
    (text) => {
      const match = /^btime (\d+)$/m.exec(text);
      return match ? Number(match[1]) * 1000 : undefined;
    },
    () => undefined,
  );
  return bootTime;
}

/** Read once per tick: one walk of /proc. */
export async function readStateSources(): Promise<StateSources> {
  const [tree, bootTimeMs] = await Promise.all([readProcessTree(), readBootTime()]);
  return { tree, bootTimeMs };
}

/**
 * A reader of the process table that re-reads it only when older than
 * `ttlMs`: a send or a `wait` looks at one pane every 100-200 ms, and a /proc
 * walk costs tens of ms. (Claude's session file is read fresh every time.)
 */
export function cachedStateSources(ttlMs = 3000): () => Promise<StateSources> {
  let cached: { at: number; sources: Promise<StateSources> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > ttlMs) cached = { at: Date.now(), sources: readStateSources() };
    return cached.sources;
  };
}

/** The Claude Code process in a pane: the pane's process or its nearest descendant that is one. */
export function claudePid(tree: ProcessTree, panePid: number): number | undefined {
  return [panePid, ...descendants(tree, panePid)].find((pid) => {
    const p = tree.get(pid);
    return p !== undefined && agentOfProcess(p) === 'claude';
  });
}

/**
 * Each Claude keeps its session file under its own config dir, which comes
 * from its own environment (`CLAUDE_CONFIG_DIR`, else `$HOME/.claude`), not
 * orch-tui's: read it from /proc/<pid>/environ.
 */
async function configDirOf(pid: number): Promise<string | undefined> {
  const raw = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => undefined);
  if (raw === undefined) return undefined;
  const env: NodeJS.ProcessEnv = {};
  for (const entry of raw.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env['CLAUDE_CONFIG_DIR'] || env['HOME'] ? claudeConfigDir(env) : undefined;
}

export interface ClaudeSession {
  file: ClaudeSessionFile;
  configDir: string;
}

/** The session file of the Claude in this pane, believed only if it matches the live process. */
export async function claudeSessionOf(pane: PaneInfo, tree: ProcessTree): Promise<ClaudeSession | undefined> {
  const pid = claudePid(tree, pane.panePid);
  if (pid === undefined) return undefined;
  const configDir = await configDirOf(pid);
  if (!configDir) return undefined;
  const text = await readFile(path.join(configDir, 'sessions', `${pid}.json`), 'utf8').catch(() => undefined);
  const parsed = text === undefined ? undefined : safeParse(text);
  const file = parsed && matchSessionFile([parsed], pane, tree);
  return file ? { file, configDir } : undefined;
}

function safeParse(text: string): ClaudeSessionFile | undefined {
  try {
    return parseSessionFile(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export interface PaneState {
  kind: AgentKind;
  decision: StateDecision;
  session: ClaudeSession | undefined;
  /** What a Claude reports of itself: hook events, context, cost (see src/reports). */
  report?: AgentReport;
  /**
   * The decision read a source that changes without the screen or tmux
   * saying so (Claude's session file, a shell's foreground job): decide
   * again on every look, never reuse it.
   */
  live: boolean;
}

/**
 * Who holds the terminal of a pane whose own process is a shell, read fresh
 * (a script started at the prompt changes neither the screen's last line
 * nor tmux's current command, `bash`). Other programs: not read.
 */
async function shellForeground(pane: PaneInfo, tree: ProcessTree): Promise<TerminalForeground | undefined> {
  const own = tree.get(pane.panePid);
  if (pane.dead || (own && !isShell(own.comm))) return undefined;
  return readTerminalForeground(pane.panePid);
}

/**
 * The one seam between deciding states and the agent reports room: what
 * the Claude in this pane says of itself (its hook events and status line
 * when orch-tui started it, else its transcript's usage).
 */
async function claudeReportOf(pane: PaneInfo, tree: ProcessTree, session: ClaudeSession | undefined): Promise<AgentReport> {
  const pid = claudePid(tree, pane.panePid);
  return agentReportOf(pid === undefined ? undefined : tree.get(pid)?.args, session);
}

/** The agent kind of a pane: a user's override (`@orch_agent`), else its process tree and command. */
export function paneKind(pane: PaneInfo, tree: ProcessTree, override?: string): AgentKind {
  return isKind(override) ? override : detectAgentKind(pane.panePid, pane.currentCommand, tree);
}

/** The kind and state of one pane, from all its sources. */
export async function paneState(
  pane: PaneInfo,
  lines: readonly string[],
  sources: StateSources,
  options: { previous?: { state: StateDecision['state']; since: number }; now?: number; override?: string } = {},
): Promise<PaneState> {
  const kind = paneKind(pane, sources.tree, options.override);
  const session = kind === 'claude' ? await claudeSessionOf(pane, sources.tree) : undefined;
  const report = kind === 'claude' && !pane.dead ? await claudeReportOf(pane, sources.tree, session) : undefined;
  const foreground = kind === 'generic' ? await shellForeground(pane, sources.tree) : undefined;
  const ticks = sources.tree.get(pane.panePid)?.startTime;
  const startedAt = ticks === undefined || sources.bootTimeMs === undefined ? undefined : sources.bootTimeMs + ticks * 10;
  const decision = decideState({
    kind,
    lines,
    pane: {
      dead: pane.dead, deadStatus: pane.deadStatus, currentCommand: pane.currentCommand, alternateOn: pane.alternateOn,
      ...(foreground ? { foreground } : {}),
    },
    sessionFile: session?.file,
    ...(report?.events.length ? { hooks: report.events } : {}),
    previous: options.previous,
    now: options.now,
    startedAt,
  });
  return { kind, decision, session, ...(report ? { report } : {}), live: kind === 'claude' || foreground !== undefined };
}

const KINDS: readonly string[] = ['claude', 'codex', 'gemini', 'aider', 'generic'];
function isKind(value: string | undefined): value is AgentKind {
  return value !== undefined && KINDS.includes(value);
}
