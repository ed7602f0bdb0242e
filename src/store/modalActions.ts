import { emptyInput, editText, type TextEdit } from '../ui/textInput.js';
import {
  MAX_HISTORY,
  MAX_NOTICES,
  type FormField,
  type InputPurpose,
  type Modal,
  type Notice,
  type OrchState,
} from './orchState.js';

/** Pure transitions for marks, modals and notices. */

export function toggleMark(state: OrchState, id: string | undefined): OrchState {
  if (!id || !state.order.includes(id)) return state;
  const marked = state.marked.includes(id) ? state.marked.filter((m) => m !== id) : [...state.marked, id];
  return { ...state, marked };
}

/** Marks of workers that still exist. */
export function liveMarks(state: OrchState): string[] {
  return state.marked.filter((id) => state.order.includes(id));
}

const TITLES: Record<InputPurpose, string> = {
  task: 'Task for',
  broadcast: 'Broadcast to',
  compact: 'Compact (optional goal) —',
  reset: 'Reset with /clear, then this task, for',
};

export function openInput(state: OrchState, purpose: InputPurpose, targets: string[]): OrchState {
  if (targets.length === 0) return state;
  const names = targets.map((id) => state.workers[id]?.name ?? id);
  const who = names.length > 3 ? `${names.length} workers` : names.join(', ');
  const modal: Modal = {
    kind: 'input', purpose, targets, title: `${TITLES[purpose]} ${who}`, input: emptyInput(),
    allowEmpty: purpose === 'compact',
  };
  return { ...state, modal };
}

export function openConfirm(state: OrchState, modal: Extract<Modal, { kind: 'confirm' }>): OrchState {
  return { ...state, modal };
}

const field = (label: string, value: string, hint: string): FormField => ({ label, input: emptyInput(value), hint });

export function openNewWorkerForm(state: OrchState, defaultCwd: string): OrchState {
  const modal: Modal = {
    kind: 'form',
    purpose: 'new-worker',
    focus: 0,
    fields: [
      field('Name', '', 'letters, digits, - and _'),
      field('Directory', defaultCwd, 'where the agent starts'),
      field('Agent command', 'claude', 'run without a shell'),
      field('First task', '', 'optional; sent when the agent is ready'),
    ],
  };
  return { ...state, modal };
}

export function openNewTaskForm(state: OrchState, worker: string): OrchState {
  const modal: Modal = {
    kind: 'form',
    purpose: 'new-task',
    focus: 1,
    fields: [
      field('Worker', worker, 'a worker name, as in the grid'),
      field('Task', '', 'the text to send; {{result:ID}} inserts a result'),
      field('After', '', 'task ids it waits for, comma-separated'),
    ],
  };
  return { ...state, modal };
}

export function openNewNoteForm(state: OrchState, to: string): OrchState {
  const modal: Modal = {
    kind: 'form',
    purpose: 'new-note',
    focus: 2,
    fields: [
      field('To', to, 'worker names, comma-separated, or all; empty: the board only'),
      field('Topic', '', 'optional, e.g. api or ports'),
      field('Note', '', 'reaches each worker once, before its next task'),
    ],
  };
  return { ...state, modal };
}

export function closeModal(state: OrchState): OrchState {
  return state.modal ? { ...state, modal: undefined } : state;
}

/** Edit the text of the open input box, or of the focused form field. */
export function editModal(state: OrchState, edit: TextEdit): OrchState {
  const modal = state.modal;
  if (modal?.kind === 'input') {
    const input = editText(modal.input, edit, state.taskHistory);
    return input === modal.input ? state : { ...state, modal: { ...modal, input } };
  }
  if (modal?.kind === 'form') {
    if (edit.kind === 'newline' || edit.kind === 'history-back' || edit.kind === 'history-forward') return state;
    const fields = modal.fields.map((f, i) => (i === modal.focus ? { ...f, input: editText(f.input, edit) } : f));
    return { ...state, modal: { ...modal, fields } };
  }
  return state;
}

export function moveFormFocus(state: OrchState, delta: number): OrchState {
  const modal = state.modal;
  if (modal?.kind !== 'form') return state;
  const focus = (modal.focus + delta + modal.fields.length) % modal.fields.length;
  return { ...state, modal: { ...modal, focus } };
}

export function pushNotice(state: OrchState, message: string, tone: Notice['tone'], at = Date.now()): OrchState {
  return { ...state, notices: [...state.notices, { at, message, tone }].slice(-MAX_NOTICES) };
}

export function rememberTask(state: OrchState, text: string): OrchState {
  if (text.trim() === '' || state.taskHistory[state.taskHistory.length - 1] === text) return state;
  return { ...state, taskHistory: [...state.taskHistory, text].slice(-MAX_HISTORY) };
}
