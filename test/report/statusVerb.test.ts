import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statusVerbWith } from '../../src/cli/verbs/statusVerb.js';
import { parseCommandLine } from '../../src/cli/globalOptions.js';
import type { StatusReport } from '../../src/report/statusReport.js';
import { FakeTmuxAdapter } from '../components/fakeTmuxAdapter.js';
import { makePane } from '../unit/paneFactory.js';
import { makeTask } from './taskFactory.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'orch-status-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function setup() {
  const repo = path.join(root, 'api');
  const plain = path.join(root, 'notes');
  await mkdir(repo);
  await mkdir(plain);
  await execa('git', ['-C', repo, 'init', '-q']);
  await writeFile(path.join(repo, 'server.ts'), 'a\nb\n');
  const adapter = new FakeTmuxAdapter([
    makePane({ paneId: '%1', sessionName: 'api', currentCommand: 'bash', currentPath: repo, panePid: 999_999_1 }),
    makePane({ paneId: '%2', sessionName: 'notes', currentCommand: 'bash', currentPath: plain, panePid: 999_999_2 }),
  ]);
  const screens: Record<string, string[]> = { '%1': ['$ npm start', 'listening on :3000', '', ''], '%2': [] };
  adapter.reply = (args) => (args[0] === 'capture-pane' ? screens[args[args.indexOf('-t') + 1]!] ?? [] : []);
  const tasks = [
    makeTask('t1', 'api', 'Build the API', { state: 'done' }),
    makeTask('t2', 'api', 'Add auth', { state: 'queued' }),
  ];
  const out: string[] = [];
  const ctx = { global: parseCommandLine([]).global, out: (text: string) => out.push(text), adapter: () => adapter };
  return { ctx, out, verb: statusVerbWith({ tasks: async () => tasks }) };
}

describe('orch-tui status', () => {
  it('prints the text report from panes, screens, git and tasks', async () => {
    const { ctx, out, verb } = await setup();
    expect(await verb(ctx, [])).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/^🎯 Orchestration Status\n\napi \(\w[\w-]*\):\n {2}✅ Build the API\n {2}📝 Files: server.ts \(\+2 −0\)\n/);
    expect(text).toContain('  🔄 Latest output: listening on :3000\n  📋 Next: Add auth\n');
    expect(text).toContain('  📝 Files: not a git repository\n');
    expect(text).toContain('Overall progress: 50% complete');
  });

  it('prints the report object with --json', async () => {
    const { ctx, out, verb } = await setup();
    expect(await verb(ctx, ['--json'])).toBe(0);
    const report = JSON.parse(out.join('')) as StatusReport;
    expect(report.overallPercent).toBe(50);
    expect(report.workers.map((w) => w.name)).toEqual(['api', 'notes']);
    expect(report.workers[0]!.changes).toEqual({ repo: true, files: [{ path: 'server.ts', added: 2, removed: 0 }] });
    expect(report.workers[1]!.current).toBeNull();
  });

  it('prints Markdown with --markdown, and refuses both at once', async () => {
    const { ctx, out, verb } = await setup();
    expect(await verb(ctx, ['--markdown'])).toBe(0);
    expect(out.join('')).toContain('## notes (');
    await expect(verb(ctx, ['--json', '--markdown'])).rejects.toThrow('not both');
    await expect(verb(ctx, ['--yaml'])).rejects.toThrow();
  });
});
