import type { PaneInfo } from '../../src/tmux/paneFormat.js';

/** A plausible live pane: session `name`, one pane, idle for a while. */
export function makePane(overrides: Partial<PaneInfo> = {}): PaneInfo {
  const sessionName = overrides.sessionName ?? 'api';
  return {
    paneId: '%1',
    sessionId: `$${sessionName}`,
    sessionName,
    windowId: '@1',
    windowName: 'claude',
    windowIndex: 0,
    paneIndex: 0,
    panePid: 4242,
    currentCommand: 'claude',
    currentPath: `/home/dev/${sessionName}`,
    dead: false,
    deadStatus: undefined,
    alternateOn: false,
    inMode: false,
    windowActivity: 1_700_000_000,
    cursorX: 0,
    cursorY: 3,
    historySize: 10,
    width: 80,
    height: 24,
    sessionPanes: 1,
    workerTag: '',
    commandsTag: '',
    selfTag: '',
    controlTag: '',
    agentOverride: '',
    title: 'dev-box',
    ...overrides,
  };
}

/** `count` single-pane sessions named w01, w02, ... with ids %1, %2, ... */
export function makePanes(count: number, overrides: Partial<PaneInfo> = {}): PaneInfo[] {
  const digits = String(count).length;
  return Array.from({ length: count }, (_, i) => {
    const sessionName = `w${String(i + 1).padStart(digits, '0')}`;
    return makePane({ paneId: `%${i + 1}`, sessionName, sessionId: `$${i + 1}`, ...overrides });
  });
}
