/**
 * What `list-panes -a -F` reports per pane, and how to parse it. Fields are
 * separated by U+001F, which tmux passes through `-F` unchanged and which
 * cannot appear in names or paths; the free-text title comes last so even a
 * title holding the separator parses.
 */
export interface PaneInfo {
  paneId: string;
  sessionId: string;
  sessionName: string;
  windowId: string;
  windowName: string;
  windowIndex: number;
  paneIndex: number;
  panePid: number;
  currentCommand: string;
  currentPath: string;
  dead: boolean;
  deadStatus: number | undefined;
  alternateOn: boolean;
  inMode: boolean;
  /** Seconds since the epoch of the window's latest output. */
  windowActivity: number;
  cursorX: number;
  cursorY: number;
  historySize: number;
  width: number;
  height: number;
  /** Panes in this pane's session (decides whether its name needs `:w.p`). */
  sessionPanes?: number;
  /**
   * `@orch_worker` user option: the pane is managed: `1` when orch-tui
   * created it, `adopted` when a person adopted it. Only managed panes exist
   * for an agent's tools.
   */
  workerTag: string;
  /** `@orch_commands` user option: `1` when a person said this managed plain program takes text from an agent. */
  commandsTag: string;
  /** `@orch_self` user option: `<role> <pid>` while an orch-tui dashboard, `run` or MCP server runs in the pane. */
  selfTag: string;
  /** `@orch_control` user option: set on sessions orch-tui made for its channel. */
  controlTag: string;
  /** `@orch_agent` user option: the agent kind a user set for the pane, overriding detection. */
  agentOverride: string;
  /** The tmux server's pid: a new one means pane ids were handed out again. */
  serverPid?: number;
  title: string;
}

export const FIELD_SEPARATOR = '\u001f';

const FIELDS: ReadonlyArray<[keyof PaneInfo, string, (raw: string) => unknown]> = [
  ['paneId', 'pane_id', String],
  ['sessionId', 'session_id', String],
  ['sessionName', 'session_name', String],
  ['windowId', 'window_id', String],
  ['windowName', 'window_name', String],
  ['windowIndex', 'window_index', Number],
  ['paneIndex', 'pane_index', Number],
  ['panePid', 'pane_pid', Number],
  ['currentCommand', 'pane_current_command', String],
  ['currentPath', 'pane_current_path', String],
  ['dead', 'pane_dead', (raw) => raw === '1'],
  ['deadStatus', 'pane_dead_status', (raw) => (raw === '' ? undefined : Number(raw))],
  ['alternateOn', 'alternate_on', (raw) => raw === '1'],
  ['inMode', 'pane_in_mode', (raw) => raw === '1'],
  ['windowActivity', 'window_activity', Number],
  ['cursorX', 'cursor_x', Number],
  ['cursorY', 'cursor_y', Number],
  ['historySize', 'history_size', Number],
  ['width', 'pane_width', Number],
  ['height', 'pane_height', Number],
  ['workerTag', '@orch_worker', String],
  ['controlTag', '@orch_control', String],
  ['agentOverride', '@orch_agent', String],
  ['commandsTag', '@orch_commands', String],
  ['selfTag', '@orch_self', String],
  ['serverPid', 'pid', (raw) => (raw === '' ? undefined : Number(raw))],
  ['title', 'pane_title', String],
];

/** The `-F` format for `list-panes`. */
export const PANE_FORMAT = FIELDS.map(([, name]) => `#{${name}}`).join(FIELD_SEPARATOR);

/** Parse one line of `list-panes -F PANE_FORMAT`; undefined if it is not one. */
export function parsePaneLine(line: string): PaneInfo | undefined {
  const parts = line.split(FIELD_SEPARATOR);
  if (parts.length < FIELDS.length || !parts[0]?.startsWith('%')) return undefined;
  const fixed = parts.slice(0, FIELDS.length - 1);
  const title = parts.slice(FIELDS.length - 1).join(FIELD_SEPARATOR);
  const pane: Record<string, unknown> = {};
  FIELDS.forEach(([key, , parse], i) => {
    pane[key] = parse(i === FIELDS.length - 1 ? title : fixed[i]!);
  });
  return pane as unknown as PaneInfo;
}

/** Panes parsed from the last list, by their line: an unchanged pane is the same object. */
let lastParsed = new Map<string, PaneInfo>();

/**
 * Parse `list-panes` output, adding how many panes each session holds. A
 * line equal to one of the previous call's gives the same object back, so a
 * quiet server's panes compare equal by reference (and cost no parsing).
 */
export function parsePaneList(lines: readonly string[]): PaneInfo[] {
  const perSession = new Map<string, number>();
  const parsed: Array<[string, PaneInfo]> = [];
  for (const line of lines) {
    const pane = parsePaneLine(line);
    if (!pane) continue;
    parsed.push([line, pane]);
    perSession.set(pane.sessionId, (perSession.get(pane.sessionId) ?? 0) + 1);
  }
  const next = new Map<string, PaneInfo>();
  const panes = parsed.map(([line, pane]) => {
    const sessionPanes = perSession.get(pane.sessionId) ?? 1;
    const key = `${sessionPanes}${FIELD_SEPARATOR}${line}`;
    const same = lastParsed.get(key) ?? { ...pane, sessionPanes };
    next.set(key, same);
    return same;
  });
  lastParsed = next;
  return panes;
}

/**
 * What must change for a pane's screen to have changed. tmux 3.3a has no
 * per-pane output counter; activity, cursor, history size, title, mode,
 * liveness and size together are a cheap stand-in.
 */
export function paneSignature(p: PaneInfo): string {
  return [
    p.windowActivity, p.cursorX, p.cursorY, p.historySize, p.title,
    p.dead ? 1 : 0, p.deadStatus ?? '', p.width, p.height, p.alternateOn ? 1 : 0, p.inMode ? 1 : 0,
  ].join('|');
}
