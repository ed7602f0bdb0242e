import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addressedTo, inFlightFor, replayNotes, unreadCounts, unreadFor } from '../../src/notes/replayNotes.js';
import { mayReceive, notesToDeliver, prependNotes } from '../../src/notes/noteDelivery.js';
import { NotesJournal } from '../../src/notes/notesJournal.js';
import { NotesBoard } from '../../src/notes/notesBoard.js';
import { TaskJournal } from '../../src/tasks/taskJournal.js';
import { changeNoteText } from '../../src/notes/changeNote.js';
import type { NoteEvent } from '../../src/notes/noteTypes.js';
import type { JournalEvent, Task } from '../../src/tasks/taskTypes.js';
import { makePane } from './paneFactory.js';

const post = (key: string, author: string, to: string[], extra: Partial<Extract<NoteEvent, { type: 'post' }>> = {}): NoteEvent =>
  ({ type: 'post', at: 1000, key, author, text: `text ${key}`, to, ...extra });
const add = (id: string, worker: string): JournalEvent => ({ type: 'add', at: 1, id, worker, text: 'do it', after: [] });

describe('replayNotes', () => {
  it('numbers notes by their place, the same for every reader; the author has read its own', () => {
    const board = replayNotes([post('a', 'backend', ['frontend']), post('b', 'you', []), post('c', 'orchestrator', ['all'])]);
    expect(board.notes.map((n) => [n.id, n.key, n.readBy])).toEqual([['n1', 'a', ['backend']], ['n2', 'b', ['you']], ['n3', 'c', ['orchestrator']]]);
  });

  it('addresses: by name, all but the author, and the board (no worker)', () => {
    const [named, board, all] = replayNotes([post('a', 'backend', ['frontend']), post('b', 'you', []), post('c', 'backend', ['all'])]).notes;
    expect([addressedTo(named!, 'frontend'), addressedTo(named!, 'tests')]).toEqual([true, false]);
    expect(addressedTo(board!, 'frontend')).toBe(false);
    expect([addressedTo(all!, 'frontend'), addressedTo(all!, 'backend')]).toEqual([true, false]);
  });

  it('a task send carries notes: delivered when sent, in flight until settled, not delivered when unsent or failed', () => {
    const notes = [post('a', 'backend', ['frontend']), post('b', 'backend', ['frontend']), post('c', 'backend', ['frontend'])];
    const tasks: JournalEvent[] = [
      add('t1', 'frontend'), add('t2', 'frontend'), add('t3', 'frontend'),
      { type: 'sending', at: 2, id: 't1', paneId: '%1', text: 'x', notes: ['n1'] },
      { type: 'sent', at: 3, id: 't1' },
      { type: 'sending', at: 4, id: 't2', paneId: '%1', text: 'x', notes: ['n2'] },
      { type: 'unsent', at: 5, id: 't2', reason: 'busy' },
      { type: 'sending', at: 6, id: 't3', paneId: '%1', text: 'x', notes: ['n3'] },
    ];
    const board = replayNotes(notes, tasks);
    expect(board.byId.get('n1')!.deliveries).toEqual([{ worker: 'frontend', at: 3, via: 'task', task: 't1' }]);
    expect(board.byId.get('n1')!.readBy).toContain('frontend');
    expect(unreadFor(board, 'frontend').map((n) => n.id)).toEqual(['n2', 'n3']);
    expect([...inFlightFor(board, 'frontend')]).toEqual(['n3']);
    const failed = replayNotes(notes, [...tasks, { type: 'failed', at: 7, id: 't3', reason: 'cut' }]);
    expect([...inFlightFor(failed, 'frontend')]).toEqual([]);
    const removed = replayNotes(notes, [...tasks, { type: 'remove', at: 7, id: 't3' }]);
    expect([...inFlightFor(removed, 'frontend'), ...unreadFor(removed, 'frontend').map((n) => n.id)]).toEqual(['n2', 'n3']);
  });

  it('a notes message: delivered once sent, in flight while begun, free again when unsent', () => {
    const base = [post('a', 'you', ['frontend']), { type: 'sending', at: 2, key: 'm1', worker: 'frontend', paneId: '%1', notes: ['n1'], text: 'x' } as NoteEvent];
    expect([...inFlightFor(replayNotes(base), 'frontend')]).toEqual(['n1']);
    expect(replayNotes([...base, { type: 'sent', at: 3, key: 'm1' }]).byId.get('n1')!.deliveries[0]!.via).toBe('message');
    const unsent = replayNotes([...base, { type: 'unsent', at: 3, key: 'm1', reason: 'busy' }]);
    expect([...inFlightFor(unsent, 'frontend'), ...unreadFor(unsent, 'frontend').map((n) => n.id)]).toEqual(['n1']);
  });

  it('reads count once per reader; a second change note for the same task is ignored and takes no id', () => {
    const board = replayNotes([
      post('a', 'backend', [], { task: 't1' }), post('b', 'backend', [], { task: 't1' }), post('c', 'you', ['backend']),
      { type: 'read', at: 5, id: 'n2', reader: 'backend' }, { type: 'read', at: 6, id: 'n2', reader: 'backend' },
    ]);
    expect(board.notes.map((n) => n.key)).toEqual(['a', 'c']);
    expect(board.byId.get('n2')!.readBy).toEqual(['you', 'backend']);
    expect(unreadCounts(board, ['backend', 'frontend'])).toEqual({});
  });
});

describe('delivery', () => {
  const agent = (name: string, managed: boolean) => ({
    name, pane: makePane({ sessionName: name, workerTag: managed ? '1' : '' }),
    seen: { kind: 'claude' } as never,
  });

  it('gives an agent the unread notes for it; a note an agent wrote only to a managed one; never to a shell', () => {
    const board = replayNotes([post('a', 'backend', ['frontend']), post('b', 'you', ['frontend']), post('c', 'you', ['tests'])]);
    expect(notesToDeliver(board, agent('frontend', true)).map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(notesToDeliver(board, agent('frontend', false)).map((n) => n.id)).toEqual(['n2']);
    const shell = makePane({ sessionName: 'frontend', workerTag: '1', commandsTag: '1', currentCommand: 'bash' });
    expect(mayReceive(board.notes[1]!, shell, 'generic')).toBe(false);
  });

  it('prepends the notes under a short heading, each with its id and author', () => {
    const [note] = replayNotes([post('a', 'backend', ['frontend'], { topic: 'api', text: 'Port 8080.\nJWT in a cookie.' })]).notes;
    expect(prependNotes([note!], 'Build the form.')).toBe(
      'Notes from your team (for your information):\n- n1 from backend (api): Port 8080.\n  JWT in a cookie.\n\nYour task:\nBuild the form.',
    );
    expect(prependNotes([], 'Build the form.')).toBe('Build the form.');
  });

  it('a change note names a task that waited for a result in words, not as its template', () => {
    const task = { id: 'ui', text: 'Build the form against this API:\n{{result:api}}\nKeep it small.', result: 'ok' } as Task;
    expect(changeNoteText(task, undefined).split('\n')[0]).toBe("Finished ui: Build the form against this API: api's result Keep it small");
    expect(changeNoteText({ ...task, title: 'The form' }, undefined).split('\n')[0]).toBe('Finished ui: The form');
  });

  it('a change note names the task, the first lines of its result and the files with their counts', () => {
    const task = { id: 'api', text: 'Create the API\nin detail', result: 'Done.\n\nLogin(user, pass)\nMiddleware(next)\nmore' } as Task;
    const text = changeNoteText(task, { repo: true, files: [{ path: 'auth/handler.go', added: 12, removed: 3 }] });
    expect(text).toBe('Finished api: Create the API in detail\nResult:\n  Done.\n  Login(user, pass)\n  Middleware(next)\nFiles: auth/handler.go (+12 −3)');
  });
});

describe('the board on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'orch-notes-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('posts are 0600, read back with their id, and a torn last line does not swallow the next note', async () => {
    const file = path.join(dir, 'notes.jsonl');
    const board = new NotesBoard(new NotesJournal(file), new TaskJournal(path.join(dir, 'tasks.jsonl')));
    const first = await board.post({ author: 'you', text: 'first', to: ['backend'] });
    expect(first.id).toBe('n1');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await writeFile(file, (await readFile(file, 'utf8')) + '{"type":"post","at":1,"key":"torn","auth', { flag: 'w' });
    const second = await board.post({ author: 'backend', text: 'second', to: ['all'], topic: 'ports' });
    expect(second.id).toBe('n2');
    const { notes, corrupt } = await board.load();
    expect(notes.map((n) => n.text)).toEqual(['first', 'second']);
    expect(corrupt).toHaveLength(1);
    await expect(board.post({ author: 'you', text: '  ' })).rejects.toThrow('A note needs some text.');
    await expect(board.post({ author: 'you', text: 'x', to: ['all', 'backend'] })).rejects.toThrow(/not both/);
  });

  it('many writers at once: every note kept, ids distinct and in file order', async () => {
    const file = path.join(dir, 'many.jsonl');
    const boards = Array.from({ length: 4 }, () => new NotesBoard(new NotesJournal(file), new TaskJournal(path.join(dir, 'none.jsonl'))));
    const posted = await Promise.all(Array.from({ length: 40 }, (_, i) => boards[i % 4]!.post({ author: `w${i}`, text: `note ${i}` })));
    expect(new Set(posted.map((n) => n.id)).size).toBe(40);
    const { notes } = await boards[0]!.load();
    for (const note of posted) expect(notes.find((n) => n.id === note.id)?.text).toBe(note.text);
  });
});
