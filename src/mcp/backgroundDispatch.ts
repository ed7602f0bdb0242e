import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import { TaskEngine } from '../tasks/taskEngine.js';
import { acquireDispatcherLock, DispatcherBusyError } from '../tasks/dispatcherLock.js';
import type { TaskJournal } from '../tasks/taskJournal.js';
import { replay } from '../tasks/replayTasks.js';
import { describeError } from '../tmux/tmuxErrors.js';
import type { NotesBoard } from '../notes/notesBoard.js';
import { taskNotesFrom } from '../notes/noteDelivery.js';
import { NotesCourier } from '../notes/notesCourier.js';

export interface BackgroundDispatchDeps {
  adapter: TmuxAdapter;
  dispatcher: Dispatcher;
  journal: TaskJournal;
  /** The per-server directory of the dispatcher lock. */
  lockDir: string;
  intervalMs: number;
  log: (message: string) => void;
  /** The notes board: tasks carry their workers' notes, finished ones leave change notes. */
  notes: NotesBoard;
}

export interface BackgroundDispatch {
  /** Start dispatching (from the next tick on); called when the agent first works with tasks. */
  activate(): void;
  /** Who dispatches: this server, another process (named), or nobody yet. */
  describe(): string;
  stop(): Promise<void>;
}

const OPEN = new Set(['queued', 'sent']);

/**
 * The MCP server dispatches queued tasks itself, so an agent's `add_task`
 * works without a dashboard open: the same TaskEngine as `orch-tui run`,
 * under the same one-per-server lock. It takes the lock only while open
 * tasks exist and gives it back when none remain, so a dashboard started
 * later can take over; while a dashboard or `run` holds it, they dispatch.
 * It starts only once activated: the agents working *in* a project that
 * registers the server never touch tasks, so their servers never dispatch.
 */
export function startBackgroundDispatch(deps: BackgroundDispatchDeps): BackgroundDispatch {
  let active = false;
  let stopped = false;
  let engine: TaskEngine | undefined;
  let courier: NotesCourier | undefined;
  let release: (() => Promise<void>) | undefined;
  let elsewhere: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function giveBack(): Promise<void> {
    const r = release;
    engine = undefined;
    courier = undefined;
    release = undefined;
    await r?.();
  }

  async function tick(): Promise<void> {
    if (!engine) {
      const { events } = await deps.journal.read();
      if (![...replay(events).tasks.values()].some((t) => OPEN.has(t.state))) return;
      try {
        release = await acquireDispatcherLock(deps.lockDir, 'orch-tui mcp (an agent\'s tool server)');
        elsewhere = undefined;
      } catch (error) {
        if (!(error instanceof DispatcherBusyError)) throw error;
        elsewhere = error.message;
        return;
      }
      engine = new TaskEngine({
        adapter: deps.adapter, dispatcher: deps.dispatcher, journal: deps.journal,
        report: (message) => deps.log(message), withNotes: taskNotesFrom(deps.notes),
      });
      courier = new NotesCourier({ adapter: deps.adapter, dispatcher: deps.dispatcher, board: deps.notes, report: (message) => deps.log(message) });
    }
    await engine.tick();
    await courier?.round();
    if (!engine.tasks.some((t) => OPEN.has(t.state))) await giveBack();
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = (active ? tick() : Promise.resolve())
        .catch((error: unknown) => deps.log(`dispatch tick failed: ${describeError(error)}`))
        .finally(schedule);
    }, deps.intervalMs);
  }
  schedule();

  return {
    activate: () => {
      active = true;
    },
    describe: () => {
      if (engine) return 'this MCP server dispatches the queued tasks';
      if (elsewhere) return elsewhere;
      return active ? 'no task is open; nothing to dispatch' : 'not dispatching (no task tool used yet)';
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
      await giveBack();
    },
  };
}
