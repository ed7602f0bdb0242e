import type { Modal, OrchState, View } from '../store/orchState.js';

/** Where a key is read: a view, or the modal that is open over it. */
export type KeyContext = View | Modal['kind'];

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
  | 'quit'
  | 'task'
  | 'mark'
  | 'broadcast'
  | 'compact'
  | 'reset'
  | 'interrupt'
  | 'kill'
  | 'new-worker'
  | 'jump'
  | 'manage'
  | 'manage-commands'
  | 'attention-next'
  | 'tasks-view'
  | 'status-view'
  | 'close-view'
  | 'task-up'
  | 'task-down'
  | 'task-add'
  | 'task-cancel'
  | 'task-retry'
  | 'notes-view'
  | 'note-up'
  | 'note-down'
  | 'note-filter'
  | 'note-add'
  | 'note-read'
  | 'answer-yes'
  | 'answer-no'
  | 'input-submit'
  | 'input-newline'
  | 'input-cancel'
  | 'input-history-back'
  | 'input-history-forward'
  | 'input-backspace'
  | 'input-left'
  | 'input-right'
  | 'input-home'
  | 'input-end'
  | 'input-clear'
  | 'form-next'
  | 'form-previous'
  | 'confirm-yes'
  | 'confirm-no';

export interface KeyBinding {
  command: CommandId;
  /** Canonical key names (see `keyName`), the first is shown in help. */
  keys: string[];
  /** Short label for the footer; bindings without one stay out of it. */
  footer?: string;
  description: string;
  /** Views (or open modals) where the binding is active. */
  views: KeyContext[];
  /** Active only when this holds (e.g. y/n only while the focused worker asks). */
  when?: (state: OrchState) => boolean;
}

/** The focused worker shows a question it waits on. */
const focusedAsks = (s: OrchState) => {
  const w = s.focusId ? s.workers[s.focusId] : undefined;
  return w?.state === 'waiting';
};

/**
 * The single key table: dispatch, the footer and the `?` help screen are
 * all generated from these rows, so they cannot drift apart.
 */
export const KEY_TABLE: readonly KeyBinding[] = [
  { command: 'focus-left', keys: ['left', 'h'], description: 'Focus the worker to the left', views: ['grid'] },
  { command: 'focus-right', keys: ['right', 'l'], description: 'Focus the worker to the right', views: ['grid'] },
  { command: 'focus-up', keys: ['up', 'k'], description: 'Focus the worker above', views: ['grid'] },
  { command: 'focus-down', keys: ['down', 'j'], description: 'Focus the worker below', views: ['grid'] },
  { command: 'focus-next', keys: ['tab'], description: 'Focus the next worker', views: ['grid', 'zoom'] },
  { command: 'focus-previous', keys: ['shift+tab'], description: 'Focus the previous worker', views: ['grid', 'zoom'] },
  { command: 'zoom', keys: ['z', 'enter'], footer: 'zoom', description: 'Zoom the focused worker, with scrollback', views: ['grid'] },
  { command: 'unzoom', keys: ['z', 'escape', 'enter'], footer: 'back', description: 'Back to the grid', views: ['zoom'] },
  { command: 'scroll-up', keys: ['pageup', 'K'], footer: 'scroll', description: 'Scroll the zoomed output up', views: ['zoom'] },
  { command: 'scroll-down', keys: ['pagedown', 'J'], description: 'Scroll the zoomed output down', views: ['zoom'] },
  { command: 'page-next', keys: ['pagedown', ']'], description: 'Next page of workers', views: ['grid'] },
  { command: 'page-previous', keys: ['pageup', '['], description: 'Previous page of workers', views: ['grid'] },
  { command: 'help', keys: ['?'], footer: 'help', description: 'Show this help', views: ['grid', 'zoom'] },
  { command: 'close-help', keys: ['escape', '?', 'q'], footer: 'close', description: 'Close the help', views: ['help'] },
  { command: 'scroll-up', keys: ['up', 'k', 'pageup'], footer: 'scroll', description: 'Scroll up', views: ['help', 'status'] },
  { command: 'scroll-down', keys: ['down', 'j', 'pagedown'], description: 'Scroll down', views: ['help', 'status'] },
  { command: 'task', keys: ['t'], footer: 'task', description: 'Send a task to the focused worker', views: ['grid', 'zoom'] },
  { command: 'mark', keys: [' '], description: 'Mark or unmark the focused worker', views: ['grid'] },
  { command: 'broadcast', keys: ['b'], footer: 'broadcast', description: 'Broadcast a task to marked (or all) workers', views: ['grid'] },
  { command: 'compact', keys: ['c'], description: '/compact the focused worker (optional goal)', views: ['grid', 'zoom'] },
  { command: 'reset', keys: ['r'], description: 'Reset: /clear, then a new task', views: ['grid', 'zoom'] },
  { command: 'interrupt', keys: ['i'], description: 'Interrupt the focused worker (Escape)', views: ['grid', 'zoom'] },
  { command: 'kill', keys: ['x'], description: 'Kill the focused worker (asks y/N first)', views: ['grid', 'zoom'] },
  { command: 'attention-next', keys: ['g'], description: 'Go to the next worker that needs you', views: ['grid', 'zoom'] },
  { command: 'answer-yes', keys: ['y'], description: "Answer Yes to the focused worker's question", views: ['grid', 'zoom'], when: focusedAsks },
  { command: 'answer-no', keys: ['n'], description: "Answer No to the focused worker's question", views: ['grid', 'zoom'], when: focusedAsks },
  { command: 'new-worker', keys: ['n'], footer: 'new', description: 'New worker: name, dir, agent, first task', views: ['grid', 'zoom'] },
  { command: 'jump', keys: ['a'], description: 'Jump into the focused worker (tmux client)', views: ['grid', 'zoom'] },
  { command: 'manage', keys: ['m'], description: 'Adopt or release the pane for agents (◆)', views: ['grid', 'zoom'] },
  { command: 'manage-commands', keys: ['M'], description: 'Let agents send it commands, or not (◆$)', views: ['grid', 'zoom'] },
  { command: 'tasks-view', keys: ['T'], footer: 'tasks', description: 'Tasks: the queue, add, cancel, retry', views: ['grid', 'zoom'] },
  { command: 'status-view', keys: ['s'], footer: 'status', description: 'Status report and progress', views: ['grid', 'zoom'] },
  { command: 'notes-view', keys: ['N'], description: 'Notes between workers: read, add, filter', views: ['grid', 'zoom'] },
  { command: 'close-view', keys: ['escape', 'q', 'T'], footer: 'back', description: 'Back to the grid', views: ['tasks'] },
  { command: 'close-view', keys: ['escape', 'q', 's'], footer: 'back', description: 'Back to the grid', views: ['status'] },
  { command: 'task-up', keys: ['up', 'k'], description: 'Select the previous task', views: ['tasks'] },
  { command: 'task-down', keys: ['down', 'j'], description: 'Select the next task', views: ['tasks'] },
  { command: 'task-add', keys: ['a'], footer: 'add', description: 'Add a task (worker, text, after)', views: ['tasks'] },
  { command: 'task-cancel', keys: ['c'], footer: 'cancel', description: 'Cancel the selected task', views: ['tasks'] },
  { command: 'task-retry', keys: ['r'], footer: 'retry', description: 'Retry the selected failed or cancelled task', views: ['tasks'] },
  { command: 'close-view', keys: ['escape', 'q', 'N'], footer: 'back', description: 'Back to the grid', views: ['notes'] },
  { command: 'note-up', keys: ['up', 'k'], description: 'Select the newer note', views: ['notes'] },
  { command: 'note-down', keys: ['down', 'j'], description: 'Select the older note', views: ['notes'] },
  { command: 'note-add', keys: ['a'], footer: 'add', description: 'Add a note (to, topic, text)', views: ['notes'] },
  { command: 'note-filter', keys: ['f'], footer: 'filter', description: 'Show the notes for the next worker (then all)', views: ['notes'] },
  { command: 'note-read', keys: ['enter', 'r'], footer: 'read', description: 'Mark the selected note read by you', views: ['notes'] },
  { command: 'quit', keys: ['q', 'ctrl+c'], footer: 'quit', description: 'Quit orch-tui (workers keep running)', views: ['grid', 'zoom'] },
  { command: 'input-submit', keys: ['enter'], footer: 'send', description: 'Send the text', views: ['input'] },
  { command: 'input-newline', keys: ['ctrl+j'], footer: 'newline', description: 'Start a new line in the text', views: ['input'] },
  { command: 'input-history-back', keys: ['up'], footer: 'earlier', description: 'Recall an earlier task', views: ['input'] },
  { command: 'input-history-forward', keys: ['down'], description: 'Recall a later task', views: ['input'] },
  { command: 'input-cancel', keys: ['escape'], footer: 'cancel', description: 'Cancel', views: ['input', 'form'] },
  { command: 'input-backspace', keys: ['backspace'], description: 'Delete the character before the cursor', views: ['input', 'form'] },
  { command: 'input-left', keys: ['left'], description: 'Move the cursor left', views: ['input', 'form'] },
  { command: 'input-right', keys: ['right'], description: 'Move the cursor right', views: ['input', 'form'] },
  { command: 'input-home', keys: ['ctrl+a'], description: 'Start of the line', views: ['input', 'form'] },
  { command: 'input-end', keys: ['ctrl+e'], description: 'End of the line', views: ['input', 'form'] },
  { command: 'input-clear', keys: ['ctrl+u'], description: 'Clear the text', views: ['input', 'form'] },
  { command: 'form-next', keys: ['tab', 'down'], footer: 'next field', description: 'Next field', views: ['form'] },
  { command: 'form-previous', keys: ['shift+tab', 'up'], description: 'Previous field', views: ['form'] },
  { command: 'input-submit', keys: ['enter'], footer: 'done', description: 'Create the worker (or queue the task)', views: ['form'] },
  { command: 'confirm-yes', keys: ['y', 'Y'], footer: 'yes', description: 'Yes', views: ['confirm'] },
  { command: 'confirm-no', keys: ['n', 'N', 'escape', 'enter'], footer: 'no', description: 'No (the default)', views: ['confirm'] },
];

const SEQUENCES: Record<string, string> = {
  '\r': 'enter', '\n': 'ctrl+j', '\t': 'tab', '\u001b[Z': 'shift+tab', '\u001b': 'escape',
  '\u007f': 'backspace', '\b': 'backspace',
  '\u001b[A': 'up', '\u001b[B': 'down', '\u001b[C': 'right', '\u001b[D': 'left',
  '\u001bOA': 'up', '\u001bOB': 'down', '\u001bOC': 'right', '\u001bOD': 'left',
  '\u001b[5~': 'pageup', '\u001b[6~': 'pagedown',
  '\u001b[H': 'home', '\u001b[F': 'end', '\u001b[1~': 'home', '\u001b[4~': 'end', '\u001b[3~': 'delete',
};

/**
 * One keypress, as the terminal sent it, to a canonical name: `up`,
 * `enter`, `ctrl+j`, `ctrl+c`, `q`, `K`, ` `. Read from the raw bytes
 * because Ink's key flags cannot tell Ctrl+J (LF) from other keys.
 * Text that is not a single key (a paste) comes back as `text`.
 */
export function keyName(data: string): { name: string; text?: string } {
  const known = SEQUENCES[data];
  if (known) return { name: known };
  if (data.length === 1) {
    const code = data.charCodeAt(0);
    if (code >= 1 && code <= 26) return { name: `ctrl+${String.fromCharCode(code + 96)}` };
    return { name: data };
  }
  // tmux joins two Escapes pressed within its escape-time into one Meta-Escape.
  if (data === '\u001b\u001b') return { name: 'escape' };
  if (data.startsWith('\u001b')) return { name: 'unknown' };
  if (Array.from(data).length === 1) return { name: data };
  return { name: 'text', text: data };
}

export function findBinding(
  view: KeyContext,
  name: string,
  table: readonly KeyBinding[] = KEY_TABLE,
  state?: OrchState,
): KeyBinding | undefined {
  return table.find(
    (row) => row.views.includes(view) && row.keys.includes(name) && (!row.when || (state !== undefined && row.when(state))),
  );
}

/** How a key name is printed in help and footer. */
export function displayKey(name: string): string {
  const map: Record<string, string> = {
    up: '↑', down: '↓', left: '←', right: '→', enter: 'Enter', escape: 'Esc', tab: 'Tab',
    'shift+tab': 'S-Tab', pageup: 'PgUp', pagedown: 'PgDn', 'ctrl+c': 'C-c', 'ctrl+j': 'C-j',
    'ctrl+a': 'C-a', 'ctrl+e': 'C-e', 'ctrl+u': 'C-u', backspace: 'Bksp', ' ': 'Space',
  };
  return map[name] ?? name;
}

/** Footer entries for a view: "Tab focus  z zoom  ? help  q quit". */
export function footerEntries(view: KeyContext, table: readonly KeyBinding[] = KEY_TABLE): Array<{ key: string; label: string }> {
  return table
    .filter((row) => row.footer && row.views.includes(view))
    .map((row) => ({ key: displayKey(row.keys[0]!), label: row.footer! }));
}
