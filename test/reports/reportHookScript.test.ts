/**
 * The report script run by a real /bin/sh, as Claude Code runs it
 * (`/bin/sh -c <command>`, the hook input on stdin): what it writes, and
 * that it never fails, prints or blocks when it cannot write.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa, execaSync } from 'execa';
import fc from 'fast-check';
import { eventCommand, statusCommand } from '../../src/reports/reportHookScript.js';
import { shellCommand, shellQuote } from '../../src/reports/shellQuote.js';
import { parseHookLog } from '../../src/reports/hookEvents.js';

let base: string;
let dir: string;
beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'orch-report-'));
  // A name a shell would split, glob and expand, to prove the quoting.
  dir = path.join(base, `it's a "dir" $HOME *`);
  await mkdir(dir, { mode: 0o700 });
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** Runs a command the way Claude Code does; resolves with what it printed, its exit code and how long it took. */
async function run(command: string, input: string, options: { cwd?: string } = {}) {
  const started = Date.now();
  const result = await execa('/bin/sh', ['-c', command], { input, reject: false, timeout: 10_000, cwd: options.cwd ?? base });
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, timedOut: result.timedOut, ms: Date.now() - started };
}

const stop = (message: string) => JSON.stringify({ session_id: 's', hook_event_name: 'Stop', last_assistant_message: message });

describe('shellQuote', () => {
  it('gives back any text as one word through a real sh', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }).filter((s) => !s.includes('\u0000')), (text) => {
      const out = execaSync('/bin/sh', ['-c', `printf '%s' ${shellQuote(text)}`], { stripFinalNewline: false, encoding: 'utf8' }).stdout;
      expect(out).toBe(Buffer.from(text, 'utf8').toString('utf8'));
    }), { numRuns: 60 });
  });

  it('refuses a NUL byte', () => {
    expect(() => shellCommand(['a\u0000b'])).toThrow(/NUL/);
  });
});

describe('event mode', () => {
  it('appends one line per event: the time, then the hook input as it came; prints nothing; exits 0', async () => {
    const before = Date.now();
    const first = await run(eventCommand(dir, 'Stop'), stop('Hello "there"\nsecond line'));
    const second = await run(eventCommand(dir, 'UserPromptSubmit'), JSON.stringify({ hook_event_name: 'UserPromptSubmit', prompt: "it's $HOME" }));
    for (const r of [first, second]) expect(r).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    const text = await readFile(path.join(dir, 'events.jsonl'), 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    const events = parseHookLog(text);
    expect(events.map((e) => e.name)).toEqual(['Stop', 'UserPromptSubmit']);
    expect(events[0]!.lastMessage).toBe('Hello "there"\nsecond line');
    expect(events[1]!.prompt).toBe("it's $HOME");
    expect(events[0]!.at).toBeGreaterThanOrEqual(before - 1);
    expect(events[1]!.at).toBeLessThanOrEqual(Date.now());
    expect((await lstat(path.join(dir, 'events.jsonl'))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['events.jsonl']); // no temp file left
  });

  it('replaces an input over 64 KiB by a stub naming the event', async () => {
    await run(eventCommand(dir, 'PermissionRequest'), JSON.stringify({ hook_event_name: 'PermissionRequest', tool_input: { content: 'x'.repeat(70_000) } }));
    const line = (await readFile(path.join(dir, 'events.jsonl'), 'utf8')).trim();
    expect(line.length).toBeLessThan(200);
    expect(JSON.parse(line).event).toMatchObject({ hook_event_name: 'PermissionRequest' });
  });

  it('moves the log aside past 1 MiB, so it stays bounded', async () => {
    await writeFile(path.join(dir, 'events.jsonl'), `${'{"at":1,"event":{"hook_event_name":"Stop"}}\n'.repeat(30_000)}`);
    await run(eventCommand(dir, 'Stop'), stop('after'));
    expect((await readFile(path.join(dir, 'events.1.jsonl'), 'utf8')).length).toBeGreaterThan(1_048_576);
    expect(parseHookLog(await readFile(path.join(dir, 'events.jsonl'), 'utf8')).map((e) => e.lastMessage)).toEqual(['after']);
  });

  it('events appended at once by many hooks are each a whole line', async () => {
    const message = 'y'.repeat(20_000);
    await Promise.all(Array.from({ length: 12 }, () => run(eventCommand(dir, 'Stop'), stop(message))));
    const events = parseHookLog(await readFile(path.join(dir, 'events.jsonl'), 'utf8'));
    expect(events).toHaveLength(12);
    for (const e of events) expect(e.lastMessage).toBe(message);
  });
});

describe('status mode', () => {
  const input = JSON.stringify({ model: { id: 'claude-opus-5-5' }, context_window: { context_window_size: 1_000_000, used_percentage: 15 } });

  it('keeps the latest input in status.json and, without a status line of the user, prints nothing', async () => {
    const r = await run(statusCommand(dir), input);
    expect(r).toMatchObject({ stdout: '', exitCode: 0 });
    expect(JSON.parse(await readFile(path.join(dir, 'status.json'), 'utf8'))).toEqual(JSON.parse(input));
    expect((await lstat(path.join(dir, 'status.json'))).mode & 0o777).toBe(0o600);
  });

  it("runs the user's own status line on the same input, in the same directory, and prints its output", async () => {
    const theirs = `printf '%s|' "$(pwd)"; cat | head -c 25; echo; echo "second line" >&2`;
    const r = await run(statusCommand(dir, theirs), input, { cwd: dir });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${dir}|${input.slice(0, 25)}`);
    expect(r.stderr).toBe('second line'); // theirs keeps its stderr
  });
});

describe('when it cannot write', () => {
  const cases: Array<[string, () => Promise<void>]> = [
    ['the report directory is gone', () => rm(dir, { recursive: true })],
    ['the report directory is a file', async () => { await rm(dir, { recursive: true }); await writeFile(dir, 'not a directory'); }],
    ['the event log is a device that never ends (/dev/zero) or refuses writes (/dev/full)', async () => {
      await symlink('/dev/zero', path.join(dir, 'events.jsonl'));
      await symlink('/dev/full', path.join(dir, 'status.json'));
    }],
    ['the directory is read-only', () => chmod(dir, 0o500)],
  ];
  it.each(cases)('%s: exits 0 at once, prints nothing of its own, and the user status line still shows', async (_name, breakIt) => {
    await breakIt();
    const event = await run(eventCommand(dir, 'Stop'), stop('lost'));
    expect(event).toMatchObject({ stdout: '', stderr: '', exitCode: 0, timedOut: false });
    expect(event.ms).toBeLessThan(2000);
    const status = await run(statusCommand(dir, 'echo USER LINE'), '{}');
    expect(status).toMatchObject({ stdout: 'USER LINE', stderr: '', exitCode: 0, timedOut: false });
  });

  it('a full disk: exits 0, and what it could not write is not half a line', async (ctx) => {
    const mount = path.join(base, 'full');
    await mkdir(mount);
    const mounted = await execa('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount], { reject: false });
    if (mounted.exitCode !== 0) ctx.skip(); // needs root; the cases above run everywhere
    try {
      const reports = path.join(mount, 'r');
      await mkdir(reports);
      await run(eventCommand(reports, 'Stop'), stop('before'));
      await execa('dd', ['if=/dev/zero', `of=${path.join(mount, 'fill')}`, 'bs=4k'], { reject: false });
      const event = await run(eventCommand(reports, 'Stop'), stop('z'.repeat(30_000)));
      expect(event).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
      const status = await run(statusCommand(reports, 'echo STILL'), JSON.stringify({ big: 'q'.repeat(30_000) }));
      expect(status).toMatchObject({ stdout: 'STILL', exitCode: 0 });
      expect(parseHookLog(await readFile(path.join(reports, 'events.jsonl'), 'utf8')).map((e) => e.lastMessage)).toEqual(['before']);
    } finally {
      await execa('umount', [mount], { reject: false });
    }
  });
});
