import { afterEach, beforeEach, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { pruneReports } from '../../src/reports/pruneReports.js';
import { reportsRoot } from '../../src/reports/reportPaths.js';
import { waitFor } from '../harness/tmuxServer.js';

let base: string;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'orch-prune-'));
  env = { XDG_STATE_HOME: base };
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function reportDir(id: string, ageMs: number): Promise<string> {
  const dir = path.join(reportsRoot(env), id);
  await mkdir(dir, { recursive: true });
  const when = new Date(Date.now() - ageMs);
  for (const name of ['settings.json', 'events.jsonl', 'status.json']) {
    await writeFile(path.join(dir, name), '{}\n');
    await utimes(path.join(dir, name), when, when);
  }
  await utimes(dir, when, when);
  return dir;
}

it('removes the reports of Claudes gone for a day; keeps recent ones and those a live process was started with', async () => {
  const day = 24 * 60 * 60 * 1000;
  const gone = await reportDir('11111111-1111-4111-8111-111111111111', 2 * day);
  await reportDir('22222222-2222-4222-8222-222222222222', 60_000);
  const running = await reportDir('33333333-3333-4333-8333-333333333333', 2 * day);
  await mkdir(path.join(reportsRoot(env), 'not-a-report'));
  // A live process whose argv names the third directory's settings, as a Claude worker's does.
  const live = execa(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', '--', '--settings', path.join(running, 'settings.json')]);
  try {
    await waitFor(async () => {
      const args = (await execa('cat', [`/proc/${live.pid}/cmdline`])).stdout;
      expect(args).toContain('--settings');
    });
    expect(await pruneReports(env)).toBe(1);
    expect((await readdir(reportsRoot(env))).sort()).toEqual(['22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333', 'not-a-report']);
    expect(await readdir(gone).catch(() => 'removed')).toBe('removed');
  } finally {
    live.kill();
    await live.catch(() => undefined);
  }
  // Once that process is gone, its old directory goes too.
  expect(await pruneReports(env)).toBe(1);
  expect(await pruneReports({ XDG_STATE_HOME: path.join(base, 'none') })).toBe(0);
});
