import { describe, expect, it } from 'vitest';
import {
  FIELD_SEPARATOR,
  PANE_FORMAT,
  paneSignature,
  parsePaneLine,
  parsePaneList,
  type PaneInfo,
} from '../../src/tmux/paneFormat.js';
import { makePane } from './paneFactory.js';

const SEP = FIELD_SEPARATOR;
const FIELD_COUNT = PANE_FORMAT.split(SEP).length;

/** A line as `list-panes -F PANE_FORMAT` prints it. */
function line(values: Partial<Record<string, string>> = {}): string {
  const defaults: Record<string, string> = {
    pane_id: '%3',
    session_id: '$1',
    session_name: 'api',
    window_id: '@2',
    window_name: 'claude',
    window_index: '1',
    pane_index: '0',
    pane_pid: '999',
    pane_current_command: 'node',
    pane_current_path: '/home/dev/api',
    pane_dead: '0',
    pane_dead_status: '',
    alternate_on: '1',
    pane_in_mode: '0',
    window_activity: '1700000000',
    cursor_x: '4',
    cursor_y: '7',
    history_size: '120',
    pane_width: '80',
    pane_height: '24',
    '@orch_worker': '',
    '@orch_control': '',
    pid: '4242',
    pane_title: 'a title',
  };
  const names = PANE_FORMAT.split(SEP).map((f) => f.slice(2, -1));
  return names.map((name) => values[name] ?? defaults[name] ?? '').join(SEP);
}

describe('PANE_FORMAT', () => {
  it('asks for every field, separated by U+001F, with the title last', () => {
    expect(FIELD_COUNT).toBe(27);
    for (const field of PANE_FORMAT.split(SEP)) expect(field).toMatch(/^#\{[@a-z_]+\}$/);
    expect(PANE_FORMAT.split(SEP).at(-1)).toBe('#{pane_title}');
    expect(PANE_FORMAT.split(SEP)[0]).toBe('#{pane_id}');
  });
});

describe('parsePaneLine', () => {
  it('parses every field to its type', () => {
    expect(parsePaneLine(line())).toEqual({
      paneId: '%3',
      sessionId: '$1',
      sessionName: 'api',
      windowId: '@2',
      windowName: 'claude',
      windowIndex: 1,
      paneIndex: 0,
      panePid: 999,
      currentCommand: 'node',
      currentPath: '/home/dev/api',
      dead: false,
      deadStatus: undefined,
      alternateOn: true,
      inMode: false,
      windowActivity: 1700000000,
      cursorX: 4,
      cursorY: 7,
      historySize: 120,
      width: 80,
      height: 24,
      workerTag: '',
      controlTag: '',
      agentOverride: '',
      commandsTag: '',
      selfTag: '',
      serverPid: 4242,
      title: 'a title',
    } satisfies PaneInfo);
  });

  it('reads a dead pane and its exit status', () => {
    const pane = parsePaneLine(line({ pane_dead: '1', pane_dead_status: '2' }));
    expect(pane?.dead).toBe(true);
    expect(pane?.deadStatus).toBe(2);
  });

  it('keeps a title that itself holds the separator', () => {
    const title = `left${SEP}middle${SEP}right`;
    expect(parsePaneLine(line({ pane_title: title }))?.title).toBe(title);
  });

  it('keeps the user options', () => {
    const pane = parsePaneLine(line({ '@orch_worker': 'adopted', '@orch_control': '1', '@orch_commands': '1', '@orch_self': 'dashboard 42' }));
    expect(pane?.workerTag).toBe('adopted');
    expect(pane?.controlTag).toBe('1');
    expect(pane?.commandsTag).toBe('1');
    expect(pane?.selfTag).toBe('dashboard 42');
  });

  it('rejects lines that are not pane lines', () => {
    expect(parsePaneLine('')).toBeUndefined();
    expect(parsePaneLine('no server running on /tmp/tmux-0/default')).toBeUndefined();
    expect(parsePaneLine(line().split(SEP).slice(0, 10).join(SEP))).toBeUndefined();
    expect(parsePaneLine(line({ pane_id: '3' }))).toBeUndefined();
  });
});

describe('parsePaneList', () => {
  it('skips bad lines and counts the panes of each session', () => {
    const panes = parsePaneList([
      line({ pane_id: '%1', session_id: '$1', session_name: 'api' }),
      'garbage',
      '',
      line({ pane_id: '%2', session_id: '$1', session_name: 'api', pane_index: '1' }),
      line({ pane_id: '%3', session_id: '$2', session_name: 'web' }),
    ]);
    expect(panes.map((p) => [p.paneId, p.sessionPanes])).toEqual([
      ['%1', 2],
      ['%2', 2],
      ['%3', 1],
    ]);
  });

  it('returns nothing for no lines', () => {
    expect(parsePaneList([])).toEqual([]);
  });
});

describe('paneSignature', () => {
  const base = makePane();
  const changes: Array<[string, Partial<PaneInfo>]> = [
    ['windowActivity', { windowActivity: base.windowActivity + 1 }],
    ['cursorX', { cursorX: base.cursorX + 1 }],
    ['cursorY', { cursorY: base.cursorY + 1 }],
    ['historySize', { historySize: base.historySize + 1 }],
    ['title', { title: 'other' }],
    ['dead', { dead: true }],
    ['deadStatus', { deadStatus: 1 }],
    ['width', { width: base.width + 1 }],
    ['height', { height: base.height + 1 }],
    ['alternateOn', { alternateOn: true }],
    ['inMode', { inMode: true }],
  ];

  it.each(changes)('changes when %s changes', (_field, change) => {
    expect(paneSignature({ ...base, ...change })).not.toBe(paneSignature(base));
  });

  it('is stable for an equal pane', () => {
    expect(paneSignature({ ...base })).toBe(paneSignature(base));
  });
});
