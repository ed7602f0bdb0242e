import path from 'node:path';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
import { defineVerb, parseVerb, usageError } from '../verbSpec.js';
import { notesBoardFor } from '../../notes/notesBoard.js';
import { resolveAddressees } from '../../notes/addressNote.js';
import { deliverNow, describeNowDelivery } from '../../notes/deliverNow.js';
import { noteFull, noteJson, noteTable } from '../../notes/renderNotes.js';
import { YOU } from '../../notes/noteTypes.js';
import { serverStateDir } from '../../tasks/taskQueue.js';
import { dispatcherFor } from './dispatchContext.js';

export const noteSpec = defineVerb({
  name: 'note',
  summary: 'the notes board: leave a note for workers (as you), list the notes, read one',
  forms: ['add -- TEXT', 'ls', 'read ID'],
  arguments: [['TEXT', 'the note, after `--`'], ['ID', 'a note id, as `note add` printed it (n1, n2, ...)']],
  options: {
    to: { type: 'string', value: 'WORKER', multiple: true, help: 'add: for this worker (repeatable), or all; none: for the board' },
    topic: { type: 'string', value: 'T', help: 'add: what it is about' },
    tag: { type: 'string', value: 'T', multiple: true, help: 'add: a tag (repeatable)' },
    now: { type: 'boolean', help: 'add: also send it now to each idle addressee, as a message of its own' },
    for: { type: 'string', value: 'WORKER', help: 'ls: only the notes for this worker' },
    unread: { type: 'boolean', help: 'ls: only the unread ones (by --for WORKER, else by you)' },
    json: { type: 'boolean', help: 'print the note (add, read) or the notes (ls) as JSON' },
  },
  examples: [
    "orch-tui note add --to frontend --topic api -- 'Send the JWT as a Bearer.'",
    'orch-tui note ls --for frontend --unread',
  ],
  notes: ['A note for a worker reaches it with its next task (or at once with --now); read marks it read by you.'],
});

/** `note add|ls|read`: the notes board of this tmux server, as the person at the keyboard ("you"). */
export async function noteVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseVerb(noteSpec, rest);
  const board = notesBoardFor(ctx.global.server);
  switch (sub) {
    case 'add': {
      const text = positionals.join(' ');
      if (text.trim() === '') throw usageError(noteSpec);
      const to = await resolveAddressees(ctx.adapter(), values.to ?? []);
      if (values.now && to.length === 0) throw new UsageError('--now sends a note to its workers: name them with --to (or --to all).');
      const note = await board.post({ author: YOU, text, to, topic: values.topic, tags: values.tag, now: values.now });
      const now = values.now
        ? await deliverNow({
            adapter: ctx.adapter(), dispatcher: dispatcherFor(ctx), board, lockDir: serverStateDir(ctx.global.server),
            who: 'orch-tui note add --now',
          })
        : undefined;
      if (values.json) ctx.out(JSON.stringify({ ...noteJson(note), ...(now ? { now } : {}) }));
      else ctx.out(`${note.id}${now ? ` ${describeNowDelivery(now, note.id)}` : ''}`);
      return 0;
    }
    case 'ls': {
      if (positionals.length) throw usageError(noteSpec);
      const forWorker = values.for === undefined ? undefined : (await resolveAddressees(ctx.adapter(), [values.for]))[0];
      const { corrupt } = await board.load();
      for (const bad of corrupt) process.stderr.write(`orch-tui: ${path.basename(board.journal.file)} line ${bad.line} is unreadable and was skipped.\n`);
      const notes = await board.list({ forWorker, unreadBy: values.unread ? forWorker ?? YOU : undefined });
      if (values.json) ctx.out(JSON.stringify(notes.map((n) => ({ ...noteJson(n), deliveries: n.deliveries })), null, 2));
      else ctx.out(notes.length ? noteTable(notes) : 'No notes.');
      return 0;
    }
    case 'read': {
      const [id] = positionals;
      if (!id || positionals.length > 1) throw usageError(noteSpec);
      const note = await board.read(id, YOU);
      ctx.out(values.json ? JSON.stringify({ ...noteJson(note), deliveries: note.deliveries }) : noteFull(note));
      return 0;
    }
    default:
      throw usageError(noteSpec, sub === undefined ? undefined : `note has no "${sub}".`);
  }
}
