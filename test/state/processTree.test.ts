/** /proc reading against this very test process, and agent recognition on made-up trees. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  agentOfProcess, depthBelow, descendants, detectAgentKind, parseStat, procStartOf, readProcessTree,
  type ProcessInfo, type ProcessTree,
} from '../../src/state/processTree.js';

describe('readProcessTree on the real /proc', () => {
  let child: ChildProcess | undefined;
  afterEach(() => { child?.kill(); child = undefined; });

  it('holds this process with its parent, name and argv', async () => {
    const tree = await readProcessTree();
    const self = tree.get(process.pid);
    expect(self?.ppid).toBe(process.ppid);
    expect(self?.args.join(' ')).toMatch(/node/);
    expect(self?.startTime).toBeGreaterThan(0);
  });

  it('sees a child as a descendant, with the procStart Claude Code would write', async () => {
    child = spawn('sleep', ['60'], { stdio: 'ignore' });
    await once(child, 'spawn');
    const tree = await readProcessTree();
    const pid = child.pid!;
    expect(descendants(tree, process.pid)).toContain(pid);
    expect(descendants(tree, process.ppid)).toContain(pid);
    expect(depthBelow(tree, pid, process.pid)).toBe(1);
    expect(depthBelow(tree, process.pid, pid)).toBeUndefined();
    expect(tree.get(pid)).toMatchObject({ ppid: process.pid, comm: 'sleep', args: ['sleep', '60'] });
    expect(await procStartOf(pid)).toBe(String(tree.get(pid)!.startTime));
  });

  it('procStartOf a pid that does not exist is undefined', async () => {
    expect(await procStartOf(2 ** 22 + 1)).toBeUndefined();
  });

  it('a missing /proc gives an empty tree', async () => {
    expect((await readProcessTree('/nonexistent-proc')).size).toBe(0);
  });
});

describe('parseStat', () => {
  it('counts fields from the last ")" so odd names parse', () => {
    const stat = '4242 (my (odd) name) S 17 4242 4242 34816 4250 4194304 1 0 0 0 0 0 0 0 20 0 1 0 98765 1000 10 184467 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0';
    expect(parseStat(stat)).toEqual({ ppid: 17, comm: 'my (odd) name', startTime: 98765, state: 'S', pgrp: 4242, tpgid: 4250 });
    expect(parseStat('garbage')).toBeUndefined();
  });
});

const proc = (pid: number, ppid: number, args: string[], comm = args[0]?.split('/').pop() ?? ''): ProcessInfo => ({ pid, ppid, comm, args, startTime: pid * 10, state: 'S', pgrp: pid, tpgid: -1 });
const tree = (...ps: ProcessInfo[]): ProcessTree => new Map(ps.map((p) => [p.pid, p]));

describe('agentOfProcess', () => {
  it.each<[string, string[], string, string | undefined]>([
    ['the native claude binary', ['/work/main/node_modules/.bin/claude', '--permission-mode', 'default'], 'claude', 'claude'],
    ['claude.exe by its real path', ['/x/node_modules/@anthropic-ai/claude-code/bin/claude.exe'], 'claude.exe', 'claude'],
    ['claude as a node script', ['node', '/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js'], 'node', 'claude'],
    ['codex', ['codex'], 'codex', 'codex'],
    ['codex through its npm wrapper', ['node', '/usr/lib/node_modules/@openai/codex/bin/codex.js'], 'node', 'codex'],
    ['gemini', ['node', '/usr/local/bin/gemini'], 'node', 'gemini'],
    ['aider from pip', ['/usr/bin/python3', '/home/u/.local/bin/aider', '--model', 'sonnet'], 'python3', 'aider'],
    ['aider as a module', ['python3.12', '-m', 'aider'], 'python3.12', 'aider'],
    ['an editor on a file named claude.md', ['vim', 'claude.md'], 'vim', undefined],
    ['a project path holding "claude"', ['node', '/tmp/orch-claude-proj-x/build.js'], 'node', undefined],
    ['make', ['make', 'all'], 'make', undefined],
  ])('%s', (_title, args, comm, kind) => {
    expect(agentOfProcess({ comm, args })).toBe(kind);
  });
});

describe('detectAgentKind', () => {
  it('the pane process itself', () => {
    expect(detectAgentKind(10, 'claude', tree(proc(10, 1, ['/opt/claude'])))).toBe('claude');
  });
  it('an agent started from the pane\'s shell', () => {
    const t = tree(proc(10, 1, ['-bash'], 'bash'), proc(11, 10, ['node', '/usr/local/bin/gemini']));
    expect(detectAgentKind(10, 'node', t)).toBe('gemini');
  });
  it('the nearest agent wins over one it started', () => {
    const t = tree(proc(10, 1, ['bash']), proc(11, 10, ['claude']), proc(12, 11, ['bash', '-c', 'codex exec']), proc(13, 12, ['codex', 'exec']));
    expect(detectAgentKind(10, 'bash', t)).toBe('claude');
  });
  it('tmux\'s current command alone can tell', () => {
    expect(detectAgentKind(10, 'codex', tree())).toBe('codex');
  });
  it('anything else is generic', () => {
    const t = tree(proc(10, 1, ['bash']), proc(11, 10, ['make']), proc(12, 11, ['cc', '-c', 'claude.c']));
    expect(detectAgentKind(10, 'make', t)).toBe('generic');
  });
});
