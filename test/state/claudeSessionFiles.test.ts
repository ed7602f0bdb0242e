/** Claude Code's session files: where they live, reading them, and matching one to a pane. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  claudeConfigDir, matchSessionFile, paneIdOf, parseSessionFile, readClaudeSessionFiles, type ClaudeSessionFile,
} from '../../src/state/claudeSessionFiles.js';
import type { ProcessInfo, ProcessTree } from '../../src/state/processTree.js';
import { claudeFixture } from './fixtures.js';

describe('claudeConfigDir', () => {
  it('is $CLAUDE_CONFIG_DIR when set', () => {
    expect(claudeConfigDir({ CLAUDE_CONFIG_DIR: '/cfg', HOME: '/home/u' })).toBe('/cfg');
  });
  it('is <HOME>/.claude otherwise (an empty variable counts as unset)', () => {
    expect(claudeConfigDir({ HOME: '/home/u' })).toBe('/home/u/.claude');
    expect(claudeConfigDir({ CLAUDE_CONFIG_DIR: '', HOME: '/home/u' })).toBe('/home/u/.claude');
    expect(claudeConfigDir({})).toBe(join(homedir(), '.claude'));
  });
});

describe('readClaudeSessionFiles', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'orch-state-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('reads every good file and skips broken, foreign and unknown-status ones silently', async () => {
    await mkdir(join(dir, 'sessions'));
    const recorded = claudeFixture('waiting-permission').sessionFile!;
    await writeFile(join(dir, 'sessions', `${recorded.pid}.json`), JSON.stringify(recorded));
    await writeFile(join(dir, 'sessions', '2.json'), '{"pid": 2, "status": "bu'); // half-written
    await writeFile(join(dir, 'sessions', '3.json'), JSON.stringify({ pid: 3, status: 'dreaming' }));
    await writeFile(join(dir, 'sessions', '4.json'), JSON.stringify([1, 2]));
    await writeFile(join(dir, 'sessions', 'notes.txt'), 'hello');
    const files = await readClaudeSessionFiles(dir);
    expect(files).toEqual([{
      pid: recorded.pid, status: 'waiting', waitingFor: 'permission prompt', sessionId: recorded.sessionId, cwd: recorded.cwd,
      version: '2.1.328', tmux: 'worker:@1.%1', procStart: recorded.procStart, updatedAt: recorded.updatedAt, statusUpdatedAt: recorded.statusUpdatedAt,
    }]);
  });

  it('a config dir without sessions/ has no files', async () => {
    expect(await readClaudeSessionFiles(dir)).toEqual([]);
  });
});

describe('parseSessionFile', () => {
  it('keeps what orch-tui reads from a recorded file', () => {
    const parsed = parseSessionFile(claudeFixture('idle').sessionFile);
    expect(parsed).toMatchObject({ pid: 13303, status: 'idle', procStart: '87461', tmux: 'worker:@1.%1' });
    expect(parsed).not.toHaveProperty('peerFeatures');
  });
  it('the pane id inside the tmux field', () => {
    expect(paneIdOf({ pid: 1, status: 'idle', tmux: 'w1:@0.%12' })).toBe('%12');
    expect(paneIdOf({ pid: 1, status: 'idle' })).toBeUndefined();
  });
});

describe('matchSessionFile', () => {
  const proc = (pid: number, ppid: number, startTime = pid * 100): ProcessInfo => ({ pid, ppid, comm: 'x', args: [], startTime, state: 'S', pgrp: pid, tpgid: -1 });
  const tree = (...ps: ProcessInfo[]): ProcessTree => new Map(ps.map((p) => [p.pid, p]));
  const file = (pid: number, extra: Partial<ClaudeSessionFile> = {}): ClaudeSessionFile => ({ pid, status: 'idle', procStart: String(pid * 100), ...extra });
  const pane = { paneId: '%1', panePid: 10 };

  it('the file whose pid is the pane\'s pid', () => {
    expect(matchSessionFile([file(99), file(10)], pane, tree(proc(10, 1), proc(99, 1)))?.pid).toBe(10);
  });

  it('the file of a Claude started below the pane (from its shell)', () => {
    expect(matchSessionFile([file(12)], pane, tree(proc(10, 1), proc(11, 10), proc(12, 11)))?.pid).toBe(12);
  });

  it('a stale file whose procStart does not match the live process (a reused pid) is ignored', () => {
    expect(matchSessionFile([file(10, { procStart: '5' })], pane, tree(proc(10, 1)))).toBeUndefined();
  });

  it('a file whose process is gone is ignored', () => {
    expect(matchSessionFile([file(12)], pane, tree(proc(10, 1)))).toBeUndefined();
  });

  it('a file naming the same pane id on another tmux server does not match: the tree decides', () => {
    const otherServer = file(50, { tmux: 'main:@0.%1', status: 'busy' });
    const ours = file(12, { tmux: 'work:@3.%7' }); // stale hint, right process
    const t = tree(proc(10, 1), proc(12, 10), proc(40, 1), proc(50, 40));
    expect(matchSessionFile([otherServer, ours], pane, t)?.pid).toBe(12);
    expect(matchSessionFile([otherServer], pane, t)).toBeUndefined();
  });

  it('among several below the pane, the one naming the pane wins, then the nearest', () => {
    const t = tree(proc(10, 1), proc(11, 10), proc(12, 11));
    expect(matchSessionFile([file(11), file(12, { tmux: 's:@0.%1' })], pane, t)?.pid).toBe(12);
    expect(matchSessionFile([file(12), file(11)], pane, t)?.pid).toBe(11);
  });

  it('a file without procStart (older versions) is matched by the tree alone', () => {
    expect(matchSessionFile([{ pid: 10, status: 'busy' }], pane, tree(proc(10, 1)))?.status).toBe('busy');
  });
});
