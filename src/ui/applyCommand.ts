import type { OrchState } from '../store/orchState.js';
import { focusWorker, moveFocus, scrollZoom, setView, toggleZoom } from '../store/orchActions.js';
import type { CommandId } from './keyTable.js';
import { cycleNoteFilter, moveNoteCursor } from '../store/noteActions.js';

export interface CommandContext {
  /** Grid columns, for up/down. */
  columns: number;
  /** Panes a page, for paging. */
  perPage: number;
  /** Output rows visible in the zoom view, for PgUp/PgDn. */
  zoomRows: number;
}

/** The help reuses the view scroll offset, counted from the top; HelpView clamps it. */
function scrollHelp(state: OrchState, delta: number): OrchState {
  const zoomScroll = Math.max(0, Math.min(200, state.zoomScroll + delta));
  return zoomScroll === state.zoomScroll ? state : { ...state, zoomScroll };
}

/** The state after a key-table command that only changes what is shown. */
export function applyCommand(state: OrchState, command: CommandId, ctx: CommandContext): OrchState {
  switch (command) {
    case 'focus-left':
      return moveFocus(state, 'left', ctx.columns);
    case 'focus-right':
      return moveFocus(state, 'right', ctx.columns);
    case 'focus-up':
      return moveFocus(state, 'up', ctx.columns);
    case 'focus-down':
      return moveFocus(state, 'down', ctx.columns);
    case 'focus-next':
    case 'focus-previous': {
      const moved = moveFocus(state, command === 'focus-next' ? 'next' : 'previous', ctx.columns);
      return moved === state ? state : { ...moved, zoomScroll: 0 };
    }
    case 'zoom':
    case 'unzoom':
      return toggleZoom(state);
    case 'scroll-up':
      if (state.view === 'help' || state.view === 'status') return scrollHelp(state, -Math.max(1, ctx.zoomRows - 2));
      return scrollZoom(state, Math.max(1, ctx.zoomRows - 1), ctx.zoomRows);
    case 'scroll-down':
      if (state.view === 'help' || state.view === 'status') return scrollHelp(state, Math.max(1, ctx.zoomRows - 2));
      return scrollZoom(state, -Math.max(1, ctx.zoomRows - 1), ctx.zoomRows);
    case 'page-next':
    case 'page-previous': {
      const at = Math.max(0, state.order.indexOf(state.focusId ?? ''));
      const page = Math.floor(at / ctx.perPage) + (command === 'page-next' ? 1 : -1);
      const target = state.order[Math.min(state.order.length - 1, Math.max(0, page * ctx.perPage))];
      return target ? focusWorker(state, target) : state;
    }
    case 'help':
      return setView(state, 'help');
    case 'close-help':
      return setView(state, 'grid');
    case 'tasks-view':
      return setView(state, 'tasks');
    case 'status-view':
      return setView(state, 'status');
    case 'close-view':
      return setView(state, 'grid');
    case 'notes-view':
      return setView(state, 'notes');
    case 'note-up':
    case 'note-down':
      return moveNoteCursor(state, command === 'note-up' ? -1 : 1);
    case 'note-filter':
      return cycleNoteFilter(state);
    case 'task-up':
    case 'task-down': {
      const last = Math.max(0, state.tasks.length - 1);
      const taskCursor = Math.min(last, Math.max(0, Math.min(state.taskCursor, last) + (command === 'task-up' ? -1 : 1)));
      return taskCursor === state.taskCursor ? state : { ...state, taskCursor };
    }
    default:
      // Commands that act on workers are not view changes.
      return state;
  }
}
