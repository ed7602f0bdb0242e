import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';
import { TmuxChannel } from '../../src/tmux/tmuxChannel.js';
import { NoServerError, TargetGoneError, TmuxCommandError, TmuxNotInstalledError } from '../../src/tmux/tmuxErrors.js';
import { runTmuxProcess } from '../../src/tmux/tmuxProcess.js';

let server: TestServer;
let channel: TmuxChannel;

beforeAll(async () => {
  server = await startTestServer();
  channel = new TmuxChannel({ server: { socketName: server.socket }, reconnectDelayMs: 50 });
});

afterAll(async () => {
  await channel.close();
  await server.kill();
});

describe('control-mode channel against a real tmux server', () => {
  it('carries commands over one control client and answers in order', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => channel.run(['display-message', '-p', `n=${i}`])),
    );
    expect(replies).toEqual(Array.from({ length: 20 }, (_, i) => [`n=${i}`]));
    expect(channel.kind).toBe('control');
  });

  it('keeps errors per command: a bad command between good ones fails alone', async () => {
    const [a, b, c] = await Promise.allSettled([
      channel.run(['display-message', '-p', 'before']),
      channel.run(['capture-pane', '-p', '-t', '%99999']),
      channel.run(['display-message', '-p', 'after']),
    ]);
    expect(a).toEqual({ status: 'fulfilled', value: ['before'] });
    expect(b.status).toBe('rejected');
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(TargetGoneError);
    expect(c).toEqual({ status: 'fulfilled', value: ['after'] });
    await expect(channel.run(['no-such-command'])).rejects.toBeInstanceOf(TmuxCommandError);
  });

  it('round-trips arbitrary strings through set-buffer and show-buffer byte-exact', async () => {
    // NUL cannot live in a C string and an empty buffer is refused by tmux;
    // every other Unicode string must arrive exactly as sent.
    const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }).filter((s) => !s.includes('\u0000'));
    const hostile = fc.constantFrom('ls;', ';', '~/x', '$HOME', '#{host}', '%if', '{', '"q"', '\\', 'a\nb', 'C-m', '-x', '🚀中文字');
    await fc.assert(
      fc.asyncProperty(fc.oneof(text, hostile), async (value) => {
        await channel.run(['set-buffer', '-b', 'orch-prop', '--', value]);
        const shown = await execa('tmux', ['-L', server.socket, 'show-buffer', '-b', 'orch-prop'], { stripFinalNewline: false });
        expect(shown.stdout).toBe(value);
      }),
      { numRuns: 150 },
    );
  });

  it('made its own small session outside tmux, tagged so it is never a worker', async () => {
    const rows = await server.tmux('list-sessions', '-F', '#{session_id} #{session_name} #{@orch_control}');
    const ours = rows.split('\n').find((r) => r.includes(`orch-tui-ctl-${process.pid}`));
    expect(ours).toBeDefined();
    expect(ours!.endsWith(` ${process.pid}`)).toBe(true);
    expect(channel.controlSession).toBe(ours!.split(' ')[0]);
  });

  it('reconnects when the server restarts', async () => {
    await server.tmux('kill-server').catch(() => undefined);
    await expect(channel.run(['display-message', '-p', 'x'])).rejects.toBeInstanceOf(NoServerError);
    await server.tmux('new-session', '-d', '-s', 'keeper', '--', 'sleep', '2147483647');
    const reply = await waitFor(() => channel.run(['display-message', '-p', 'back']), { timeoutMs: 5000 });
    expect(reply).toEqual(['back']);
    expect(channel.kind).toBe('control');
  });
});

describe('channel failures', () => {
  it('says tmux is not installed when the binary is missing', async () => {
    const missing = new TmuxChannel({ server: { socketName: 'orch-test-none' }, binary: '/nonexistent/tmux' });
    await expect(missing.run(['list-sessions'])).rejects.toBeInstanceOf(TmuxNotInstalledError);
    await expect(missing.run(['list-sessions'])).rejects.toThrow(/tmux is not installed/);
  });

  it('says no server is running, in one sentence naming the socket', async () => {
    const none = new TmuxChannel({ server: { socketName: `orch-test-absent-${process.pid}` } });
    const error = await none.run(['list-sessions']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoServerError);
    expect((error as Error).message).toBe(`No tmux server is running on socket -L orch-test-absent-${process.pid}.`);
  });

  it('falls back to one process per command when control mode cannot start', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orch-fallback-'));
    const wrapper = path.join(dir, 'tmux');
    // A tmux whose control mode is broken; everything else is the real one.
    await writeFile(
      wrapper,
      `#!/bin/sh\nfor a in "$@"; do [ "$a" = "-C" ] && { echo "control mode disabled" >&2; exit 1; }; done\nexec tmux "$@"\n`,
    );
    await chmod(wrapper, 0o755);
    const fallback = new TmuxChannel({ server: { socketName: server.socket }, binary: wrapper });
    expect(await fallback.run(['display-message', '-p', 'still works'])).toEqual(['still works']);
    expect(fallback.kind).toBe('process');
    expect(fallback.fallback).toMatch(/control/);
    await fallback.close();
  });

  it('spawned commands report a missing target as TargetGoneError', async () => {
    await expect(runTmuxProcess({ socketName: server.socket }, ['capture-pane', '-p', '-t', '%424242'])).rejects.toBeInstanceOf(
      TargetGoneError,
    );
  });
});
