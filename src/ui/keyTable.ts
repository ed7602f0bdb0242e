import type { View } from '../store/orchState.js';

/** Every command a key can trigger. */
export type CommandId =
  | 'focus-left'
  | 'focus-right'
  | 'focus-up'
  | 'focus-down'
  | 'focus-next'
  | 'focus-previous'
  | 'zoom'
  | 'unzoom'
  | 'scroll-up'
  | 'scroll-down'
  | 'page-next'
  | 'page-previous'
  | 'help'
  | 'close-help'
  | 'quit';

export interface KeyBinding {
  command: CommandId;
  /** Canonical key names (see `keyName`), the first is shown in help. */
  keys: string[];
  /** Short label for the footer; bindings without one stay out of it. */
  footer?: string;
  description: string;
  /** Views where the binding is active. */
  views: View[];
}

/**
 * The single key table: dispatch, the footer and the `?` help screen are
 * all generated from these rows, so they cannot drift apart.
 */
export const KEY_TABLE: readonly KeyBinding[] = [
  { command: 'focus-left', keys: ['left', 'h'], description: 'Focus the worker to the left', views: ['grid'] },
  { command: 'focus-right', keys: ['right', 'l'], description: 'Focus the worker to the right', views: ['grid'] },
  { command: 'focus-up', keys: ['up', 'k'], description: 'Focus the worker above', views: ['grid'] },
  { command: 'focus-down', keys: ['down', 'j'], description: 'Focus the worker below', views: ['grid'] },
  { command: 'focus-next', keys: ['tab'], footer: 'focus', description: 'Focus the next worker', views: ['grid', 'zoom'] },
  { command: 'focus-previous', keys: ['shift+tab'], description: 'Focus the previous worker', views: ['grid', 'zoom'] },
  { command: 'zoom', keys: ['z', 'enter'], footer: 'zoom', description: 'Zoom the focused worker to full screen with its scrollback', views: ['grid'] },
  { command: 'unzoom', keys: ['z', 'escape', 'enter'], footer: 'back', description: 'Back to the grid', views: ['zoom'] },
  { command: 'scroll-up', keys: ['pageup', 'K'], footer: 'scroll', description: 'Scroll the zoomed output up', views: ['zoom'] },
  { command: 'scroll-down', keys: ['pagedown', 'J'], description: 'Scroll the zoomed output down', views: ['zoom'] },
  { command: 'page-next', keys: ['pagedown', ']'], description: 'Next page of workers', views: ['grid'] },
  { command: 'page-previous', keys: ['pageup', '['], description: 'Previous page of workers', views: ['grid'] },
  { command: 'help', keys: ['?'], footer: 'help', description: 'Show this help', views: ['grid', 'zoom'] },
  { command: 'close-help', keys: ['escape', '?', 'q'], footer: 'close', description: 'Close the help', views: ['help'] },
  { command: 'quit', keys: ['q', 'ctrl+c'], footer: 'quit', description: 'Quit orch-tui (workers keep running)', views: ['grid', 'zoom'] },
];

/** The subset of Ink's key flags that `keyName` reads. */
export interface KeyFlags {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

/** Ink's (input, key) as one canonical name: `up`, `enter`, `ctrl+c`, `q`, `K`. */
export function keyName(input: string, key: KeyFlags): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  return input;
}

export function findBinding(view: View, name: string, table: readonly KeyBinding[] = KEY_TABLE): KeyBinding | undefined {
  return table.find((row) => row.views.includes(view) && row.keys.includes(name));
}

/** How a key name is printed in help and footer. */
export function displayKey(name: string): string {
  const map: Record<string, string> = {
    up: '↑', down: '↓', left: '←', right: '→', enter: 'Enter', escape: 'Esc', tab: 'Tab',
    'shift+tab': 'S-Tab', pageup: 'PgUp', pagedown: 'PgDn', 'ctrl+c': 'C-c',
  };
  return map[name] ?? name;
}

/** Footer entries for a view: "Tab focus  z zoom  ? help  q quit". */
export function footerEntries(view: View, table: readonly KeyBinding[] = KEY_TABLE): Array<{ key: string; label: string }> {
  return table
    .filter((row) => row.footer && row.views.includes(view))
    .map((row) => ({ key: displayKey(row.keys[0]!), label: row.footer! }));
}
