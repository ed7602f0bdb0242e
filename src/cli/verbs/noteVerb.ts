import { parseArgs } from 'node:util';
import path from 'node:path';
import { UsageError } from '../globalOptions.js';
import type { VerbContext } from '../verbContext.js';
import { notesBoardFor } from '../../notes/notesBoard.js';
import { resolveAddressees } from '../../notes/addressNote.js';
import { deliverNow, describeNowDelivery } from '../../notes/deliverNow.js';
import { noteFull, noteJson, noteTable } from '../../notes/renderNotes.js';
import { YOU } from '../../notes/noteTypes.js';
import { serverStateDir } from '../../tasks/taskQueue.js';
import { dispatcherFor } from './dispatchContext.js';

const USAGE =
  'Usage: orch-tui note add [--to WORKER]... [--topic T] [--tag T]... [--now] -- TEXT | note ls [--for WORKER] [--unread] [--json] | note read ID';

/** `note add|ls|read`: the notes board of this tmux server, as the person at the keyboard ("you"). */
export async function noteVerb(ctx: VerbContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true, strict: true,
    options: {
      to: { type: 'string', multiple: true }, topic: { type: 'string' }, tag: { type: 'string', multiple: true },
      now: { type: 'boolean' }, for: { type: 'string' }, unread: { type: 'boolean' }, json: { type: 'boolean' },
    },
  });
  const board = notesBoardFor(ctx.global.server);
  switch (sub) {
    case 'add': {
      const text = positionals.join(' ');
      if (text.trim() === '') throw new UsageError('Usage: orch-tui note add [--to WORKER]... [--topic T] [--tag T]... [--now] -- TEXT');
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
      if (positionals.length) throw new UsageError('Usage: orch-tui note ls [--for WORKER] [--unread] [--json]');
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
      if (!id || positionals.length > 1) throw new UsageError('Usage: orch-tui note read ID');
      const note = await board.read(id, YOU);
      ctx.out(values.json ? JSON.stringify({ ...noteJson(note), deliveries: note.deliveries }) : noteFull(note));
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}
