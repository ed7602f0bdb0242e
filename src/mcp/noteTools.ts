import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import type { NotesBoard } from '../notes/notesBoard.js';
import { resolveAddressees } from '../notes/addressNote.js';
import { deliverNow, describeNowDelivery } from '../notes/deliverNow.js';
import { noteJson } from '../notes/renderNotes.js';
import { ORCHESTRATOR, YOU, type Note } from '../notes/noteTypes.js';
import { toolConfig } from './toolContext.js';
import { toolResult } from './toolResult.js';

/** Who this server's agent is on the board. */
export type NoteIdentity =
  | {
      role: 'orchestrator';
      /** Names of the panes agents may not see: a note naming one is hidden from the orchestrator. */
      unmanagedNames: () => Promise<ReadonlySet<string>>;
      /** For `now`: the dispatcher (typing only where an agent may) and the lock directory. */
      dispatcher: Dispatcher;
      lockDir: string;
    }
  /** A worker: its name is its own pane's, read at each call; never one the caller gives. */
  | { role: 'worker'; ownName: () => Promise<string> };

export interface NoteToolContext {
  board: NotesBoard;
  /** Managed workers only: addressing an unmanaged pane fails as a missing one does. */
  adapter: TmuxAdapter;
  identity: NoteIdentity;
}

const NOTE = z.looseObject({ id: z.string(), from: z.string(), to: z.array(z.string()), text: z.string() });
const MAX_READ = 100;

/**
 * post_note and read_notes: the notes board, for the orchestrator (it posts
 * as "orchestrator" and reads the board) and for a worker (it posts as
 * itself and reads only what is addressed to it or to all). These are the
 * only tools a worker's server offers.
 */
export function registerNoteTools(mcp: McpServer, ctx: NoteToolContext): void {
  const worker = ctx.identity.role === 'worker';
  mcp.registerTool('post_note', toolConfig('post_note', {
    description:
      'Leave a note on the team\'s board: a decision, a port, an interface, "don\'t touch auth/". ' +
      'Addressed workers get it once, prepended to their next task (or read it with read_notes); without `to` it is for ' +
      (worker ? 'the orchestrator and the user. ' : 'the board (you and the user). ') +
      (worker ? 'It is posted under your own worker name.' : 'It is posted as "orchestrator".'),
    inputSchema: {
      text: z.string().min(1).describe('The note'),
      to: z.array(z.string().min(1)).optional().describe('Worker names it is for, or ["all"] for every worker'),
      topic: z.string().max(60).optional().describe('A short topic, e.g. "api" or "ports"'),
      tags: z.array(z.string().min(1).max(40)).max(10).optional(),
      ...(worker ? {} : { now: z.boolean().optional().describe('Also send it at once, as a message of its own, to each addressee that is idle (never to a busy one)') }),
    },
    outputSchema: { id: z.string(), from: z.string(), to: z.array(z.string()), delivery: z.string().optional() },
  }), async (args) => {
    const { text, to, topic, tags } = args;
    const now = (args as { now?: boolean }).now === true;
    const author = ctx.identity.role === 'worker' ? await ctx.identity.ownName() : ORCHESTRATOR;
    const addressees = await resolveAddressees(ctx.adapter, to ?? []);
    const note = await ctx.board.post({ author, text, to: addressees, topic, tags, now: now && addressees.length > 0 });
    let delivery: string | undefined;
    if (now && addressees.length > 0 && ctx.identity.role === 'orchestrator') {
      const sent = await deliverNow({
        adapter: ctx.adapter, dispatcher: ctx.identity.dispatcher, board: ctx.board, lockDir: ctx.identity.lockDir,
        who: 'orch-tui mcp (post_note now)',
      });
      delivery = describeNowDelivery(sent, note.id);
    }
    const data = { id: note.id, from: note.author, to: note.to, ...(delivery ? { delivery } : {}) };
    return toolResult(data, `Posted ${note.id} to ${note.to.length ? note.to.join(', ') : 'the board'}.${delivery ? ` ${delivery}` : ''}`);
  });

  mcp.registerTool('read_notes', toolConfig('read_notes', {
    description: worker
      ? 'Notes addressed to you (or to all), newest first; those returned count as read by you, so they are not prepended to your next task.'
      : 'The notes board, newest first: what workers reported (change notes when tasks finish, decisions they posted) and notes to them. ' +
        'Those returned count as read by you.',
    inputSchema: {
      unread_only: z.boolean().optional().describe('Only notes you have not read (default false)'),
      limit: z.number().int().min(1).max(MAX_READ).optional().describe('At most this many (default 20)'),
      ...(worker ? {} : { for: z.string().min(1).optional().describe('Only notes addressed to this worker (or to all)') }),
    },
    outputSchema: { notes: z.array(NOTE) },
  }), async (args) => {
    const { unread_only, limit } = args;
    const forWorker = (args as { for?: string }).for;
    const reader = ctx.identity.role === 'worker' ? await ctx.identity.ownName() : ORCHESTRATOR;
    let notes = await ctx.board.list({
      onlyAddressedTo: ctx.identity.role === 'worker' ? reader : undefined,
      forWorker,
      unreadBy: unread_only ? reader : undefined,
    });
    if (ctx.identity.role === 'orchestrator') {
      const hidden = await ctx.identity.unmanagedNames();
      notes = notes.filter((n) => !namesAnyOf(n, hidden));
    }
    notes = notes.slice(0, limit ?? 20);
    await ctx.board.markRead(notes, reader);
    const data = { notes: notes.map(noteJson) };
    const text = notes.length
      ? notes.map((n) => `${n.id} from ${n.author} to ${n.to.length ? n.to.join(', ') : 'the board'}${n.topic ? ` (${n.topic})` : ''}:\n${n.text}`).join('\n\n')
      : 'No notes.';
    return toolResult(data, text);
  });
}

/** Whether a note names one of these parties (its author or an addressee). */
export function namesAnyOf(note: Note, names: ReadonlySet<string>): boolean {
  if (note.author !== YOU && note.author !== ORCHESTRATOR && names.has(note.author)) return true;
  return note.to.some((t) => names.has(t));
}
