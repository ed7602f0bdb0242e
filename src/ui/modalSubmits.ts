import type { OrchStore } from '../store/orchStore.js';
import type { OrchState } from '../store/orchState.js';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import type { SendOutcome } from '../dispatch/checkedSend.js';
import type { TaskQueue } from '../tasks/taskQueue.js';
import { addTaskFor } from '../tasks/addTask.js';
import { findWorker } from '../workers/findWorker.js';
import { checkWorkerName, createWorker } from '../dispatch/createWorker.js';
import { describeError } from '../tmux/tmuxErrors.js';
import { closeModal, rememberTask } from '../store/modalActions.js';
import type { NotesBoard } from '../notes/notesBoard.js';
import { resolveAddressees } from '../notes/addressNote.js';
import { YOU } from '../notes/noteTypes.js';

export interface ModalSubmitDeps {
  store: OrchStore;
  adapter: TmuxAdapter;
  dispatcher: Dispatcher;
  defaultCwd: string;
  taskQueue?: TaskQueue;
  notesBoard?: NotesBoard;
  set: (fn: (s: OrchState) => OrchState) => void;
  notice: (message: string, tone: 'info' | 'ok' | 'error') => void;
  sendOutcomes: (outcomes: SendOutcome[]) => void;
}

/**
 * What Enter does in an open modal: a text box sends its text (a task, a
 * broadcast, /compact, a reset); a form creates a worker or queues a task.
 */
export function createModalSubmits({ store, adapter, dispatcher, defaultCwd, taskQueue, notesBoard, set, notice, sendOutcomes }: ModalSubmitDeps) {
  const name = (id: string) => store.getState().workers[id]?.name ?? id;

  async function submitInput(): Promise<void> {
    const modal = store.getState().modal;
    if (modal?.kind !== 'input') return;
    const text = modal.input.text;
    if (text.trim() === '' && !modal.allowEmpty) return;
    set((s) => rememberTask(closeModal(s), text));
    const panes = await Promise.all(modal.targets.map(async (id) => (await findWorker(adapter, id)).pane));
    notice(`Sending to ${modal.targets.map(name).join(', ')}…`, 'info');
    if (modal.purpose === 'task') sendOutcomes([await dispatcher.send(panes[0]!, text)]);
    else if (modal.purpose === 'broadcast') sendOutcomes(await dispatcher.broadcast(panes, text));
    else if (modal.purpose === 'compact') sendOutcomes([await dispatcher.compact(panes[0]!, text.trim() || undefined)]);
    else {
      // One worker, two sends: report the one that decides (the failure, or the task).
      const outcomes = await dispatcher.clear(panes[0]!, text.trim() || undefined);
      sendOutcomes([outcomes.find((o) => !o.delivered) ?? outcomes[outcomes.length - 1]!]);
    }
  }

  async function submitTaskForm(): Promise<void> {
    const modal = store.getState().modal;
    if (modal?.kind !== 'form' || !taskQueue) return;
    const [worker, text, after] = modal.fields.map((f) => f.input.text);
    const ids = (after ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    const added = await addTaskFor(adapter, taskQueue, { worker: (worker ?? '').trim(), text: text ?? '', after: ids });
    set(closeModal);
    notice(`Task ${added.id} queued for ${added.worker}.`, 'ok');
  }


  async function submitNoteForm(): Promise<void> {
    const modal = store.getState().modal;
    if (modal?.kind !== 'form' || !notesBoard) return;
    const [to, topic, text] = modal.fields.map((f) => f.input.text);
    if ((text ?? '').trim() === '') return notice('A note needs some text.', 'error');
    const addressees = await resolveAddressees(adapter, (to ?? '').split(','));
    const note = await notesBoard.post({ author: YOU, text: text ?? '', to: addressees, topic: topic?.trim() || undefined });
    set(closeModal);
    notice(`Note ${note.id} posted to ${addressees.length ? addressees.join(', ') : 'the board'}.`, 'ok');
  }

  async function submitForm(): Promise<void> {
    const modal = store.getState().modal;
    if (modal?.kind !== 'form') return;
    if (modal.purpose === 'new-task') return submitTaskForm();
    if (modal.purpose === 'new-note') return submitNoteForm();
    const [workerName, cwd, agent, task] = modal.fields.map((f) => f.input.text.trim());
    try {
      checkWorkerName(workerName ?? '');
    } catch (error) {
      notice(describeError(error), 'error');
      return;
    }
    set(closeModal);
    const worker = await createWorker(adapter.server, adapter, { name: workerName!, cwd: cwd || defaultCwd, agent: agent || undefined });
    notice(`Created ${worker.name} (${worker.paneId}).`, 'ok');
    if (task) {
      const { pane } = await findWorker(adapter, worker.paneId);
      await dispatcher.waitUntilIdle(pane, 60_000);
      sendOutcomes([await dispatcher.send(pane, task, { whenIdle: true, timeoutMs: 60_000 })]);
    }
  }

  return { submitInput, submitForm };
}
