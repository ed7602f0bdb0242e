import type { OrchStore } from '../store/orchStore.js';
import type { OrchState } from '../store/orchState.js';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import type { SendOutcome } from '../dispatch/checkedSend.js';
import { findWorker } from '../workers/findWorker.js';
import { planKill, killWorker } from '../dispatch/killWorker.js';
import { jumpToWorker } from '../dispatch/jumpToWorker.js';
import { createModalSubmits } from './modalSubmits.js';
import { describeError } from '../tmux/tmuxErrors.js';
import {
  closeModal, editModal, liveMarks, moveFormFocus, openConfirm, openInput, openNewNoteForm, openNewTaskForm, openNewWorkerForm,
  pushNotice, toggleMark,
} from '../store/modalActions.js';
import type { TextEdit } from './textInput.js';
import { attentionList } from './stateStyle.js';
import { answerFor } from '../dispatch/answerPrompt.js';
import { focusWorker } from '../store/orchActions.js';
import type { TaskQueue } from '../tasks/taskQueue.js';
import { retryTaskFor } from '../tasks/addTask.js';
import type { CommandId } from './keyTable.js';
import { toggleManaged } from './manageActions.js';
import type { NotesBoard } from '../notes/notesBoard.js';
import { YOU } from '../notes/noteTypes.js';
import { shownNotes } from '../store/noteActions.js';

export interface DashboardActionDeps {
  store: OrchStore;
  adapter: TmuxAdapter;
  dispatcher: Dispatcher;
  /** Where a new worker starts when nothing is focused. */
  defaultCwd: string;
  taskQueue?: TaskQueue;
  notesBoard?: NotesBoard;
}

const EDITS: Partial<Record<CommandId, TextEdit>> = {
  'input-newline': { kind: 'newline' },
  'input-history-back': { kind: 'history-back' },
  'input-history-forward': { kind: 'history-forward' },
  'input-backspace': { kind: 'backspace' },
  'input-left': { kind: 'left' },
  'input-right': { kind: 'right' },
  'input-home': { kind: 'home' },
  'input-end': { kind: 'end' },
  'input-clear': { kind: 'kill-line' },
};

/** Summarise several outcomes in one line for the message line. */
export function summarise(outcomes: readonly SendOutcome[]): { message: string; ok: boolean } {
  if (outcomes.length === 1) return { message: outcomes[0]!.message, ok: outcomes[0]!.delivered };
  // Workers that have exited were skipped, not failed: they are named, not counted against the send.
  const skipped = outcomes.filter((o) => o.skipped);
  const targets = outcomes.filter((o) => !o.skipped);
  const failed = targets.filter((o) => !o.delivered);
  const head = `Delivered to ${targets.length - failed.length} of ${targets.length} workers`;
  const tail = [...failed, ...skipped].map((o) => o.message).join(' ');
  return { message: tail ? `${head}; ${tail}` : `${head}.`, ok: failed.length === 0 };
}

/**
 * What the worker-acting keys do: open the right modal, and when it is
 * confirmed, act through the dispatcher and report the outcome on screen.
 * Every outcome, good or bad, becomes a notice; nothing here throws.
 */
export function createDashboardActions({ store, adapter, dispatcher, defaultCwd, taskQueue, notesBoard }: DashboardActionDeps) {
  const set = (fn: (s: OrchState) => OrchState) => store.setState(fn(store.getState()), true);
  const notice = (message: string, tone: 'info' | 'ok' | 'error') => set((s) => pushNotice(s, message, tone));
  const name = (id: string) => store.getState().workers[id]?.name ?? id;
  const guard = (work: () => Promise<void>) => {
    work().catch((error: unknown) => notice(describeError(error), 'error'));
  };
  const sendOutcomes = (outcomes: SendOutcome[]) => {
    const { message, ok } = summarise(outcomes);
    notice(message, ok ? 'ok' : 'error');
  };

  const selectedTask = () => {
    const s = store.getState();
    return s.tasks[Math.min(s.taskCursor, s.tasks.length - 1)];
  };

  const { submitInput, submitForm } = createModalSubmits({ store, adapter, dispatcher, defaultCwd, taskQueue, notesBoard, set, notice, sendOutcomes });

  async function jump(id: string): Promise<void> {
    const { pane, name: workerName } = await findWorker(adapter, id);
    const result = await jumpToWorker(adapter, pane);
    if (result.kind === 'attach-later') {
      set((s) => ({ ...s, attachOnQuit: result.command }));
      notice(`orch-tui is not inside tmux: quit (q) and it prints the command to attach to ${workerName}.`, 'info');
    } else {
      notice(`Switched to ${workerName}; come back with ${result.comeBack}`, 'ok');
    }
  }

  return (command: CommandId): void => {
    const state = store.getState();
    const focus = state.focusId;
    const edit = EDITS[command];
    if (edit) return set((s) => editModal(s, edit));
    switch (command) {
      case 'task':
      case 'compact':
      case 'reset':
        if (focus) set((s) => openInput(s, command, [focus]));
        return;
      case 'mark':
        return set((s) => toggleMark(s, focus));
      case 'broadcast': {
        const marks = liveMarks(state);
        if (marks.length > 0) return set((s) => openInput(s, 'broadcast', marks));
        if (state.order.length === 0) return;
        return set((s) =>
          openConfirm(s, {
            kind: 'confirm', purpose: 'broadcast-all', targets: [...s.order],
            question: `No workers are marked (Space marks). Broadcast to all ${s.order.length} workers?`,
          }),
        );
      }
      case 'interrupt':
        if (focus) guard(async () => {
          await dispatcher.interrupt((await findWorker(adapter, focus)).pane);
          notice(`Sent Escape to ${name(focus)}.`, 'ok');
        });
        return;
      case 'kill':
        if (focus) guard(async () => {
          const { pane, name: workerName } = await findWorker(adapter, focus);
          const plan = planKill(pane, workerName, adapter.ownPane);
          set((s) => openConfirm(s, { kind: 'confirm', purpose: 'kill', targets: [focus], question: `Kill ${plan.description}?` }));
        });
        return;
      case 'new-worker':
        return set((s) => openNewWorkerForm(s, (focus && s.workers[focus]?.cwd) || defaultCwd));
      case 'jump':
        if (focus) guard(() => jump(focus));
        return;
      case 'manage':
      case 'manage-commands':
        if (focus) guard(async () => notice(await toggleManaged(adapter, focus, command === 'manage-commands'), 'ok'));
        return;
      case 'task-add':
        if (!taskQueue) return notice('Tasks are not available here.', 'error');
        return set((s) => openNewTaskForm(s, (focus && s.workers[focus]?.name) || ''));
      case 'note-add':
        if (!notesBoard) return notice('Notes are not available here.', 'error');
        return set((s) => openNewNoteForm(s, s.noteFilter ?? ((focus && s.workers[focus]?.name) || '')));
      case 'note-read': {
        const note = shownNotes(state)[state.noteCursor];
        if (!note || !notesBoard) return;
        guard(async () => {
          await notesBoard.markRead([note], YOU);
          notice(`Note ${note.id} marked read.`, 'ok');
        });
        return;
      }
      case 'task-cancel':
      case 'task-retry': {
        const task = selectedTask();
        if (!task || !taskQueue) return;
        guard(async () => {
          const after = command === 'task-cancel' ? await taskQueue.cancel(task.id) : await retryTaskFor(adapter, taskQueue, task.id);
          notice(`Task ${task.id} is ${after.state}.`, 'ok');
        });
        return;
      }
      case 'attention-next': {
        const items = attentionList(state.workers, state.order, Date.now());
        if (items.length === 0) return notice('Nobody needs you right now.', 'info');
        const at = items.findIndex((i) => i.worker.id === focus);
        const next = items[(at + 1) % items.length]!.worker;
        return set((s) => focusWorker(s, next.id));
      }
      case 'answer-yes':
      case 'answer-no': {
        const worker = focus ? state.workers[focus] : undefined;
        if (!worker || worker.state !== 'waiting') return;
        const yes = command === 'answer-yes';
        const answer = answerFor(worker.prompt, yes);
        const asked = worker.prompt
          ? `${worker.prompt.question}${worker.prompt.command ? ` \`${worker.prompt.command}\`` : ''}`
          : worker.stateReason;
        return set((s) =>
          openConfirm(s, {
            kind: 'confirm', purpose: 'answer', targets: [worker.id], payload: yes ? 'yes' : 'no',
            question: `${worker.name} asks: ${asked} — answer ${answer.label}?`,
          }),
        );
      }
      case 'input-cancel':
        return set(closeModal);
      case 'form-next':
        return set((s) => moveFormFocus(s, 1));
      case 'form-previous':
        return set((s) => moveFormFocus(s, -1));
      case 'input-submit':
        guard(() => (state.modal?.kind === 'form' ? submitForm() : submitInput()));
        return;
      case 'confirm-no':
        set(closeModal);
        return notice('Cancelled.', 'info');
      case 'confirm-yes': {
        const modal = state.modal;
        if (modal?.kind !== 'confirm') return;
        set(closeModal);
        if (modal.purpose === 'broadcast-all') return set((s) => openInput(s, 'broadcast', modal.targets));
        if (modal.purpose === 'answer') {
          guard(async () => {
            const worker = store.getState().workers[modal.targets[0]!];
            const answer = answerFor(worker?.prompt, modal.payload === 'yes');
            const { pane, name: workerName } = await findWorker(adapter, modal.targets[0]!);
            await adapter.run(['send-keys', '-t', pane.paneId, ...answer.keys]);
            notice(`Answered ${answer.label} to ${workerName}.`, 'ok');
          });
          return;
        }
        if (modal.purpose === 'kill') {
          guard(async () => {
            const { pane, name: workerName } = await findWorker(adapter, modal.targets[0]!);
            const plan = planKill(pane, workerName, adapter.ownPane);
            await killWorker(adapter, plan);
            notice(`Killed ${plan.description}.`, 'ok');
          });
        }
        return;
      }
      default:
        return;
    }
  };
}
