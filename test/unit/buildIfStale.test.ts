/**
 * `prepare` (scripts/buildIfStale.mjs) as npm runs it: in a package whose
 * `build` script counts its runs. It builds when there is no build, not
 * again while the build is newer than every source (the second `prepare`
 * that `npx orch-tui` runs in a clone), and again once a source changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFile, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';

let root: string;
const builds = async () => (await readFile(path.join(root, 'builds.txt'), 'utf8').catch(() => '')).length;
const prepare = () => execa(process.execPath, [path.join(root, 'scripts', 'buildIfStale.mjs')], { cwd: root });

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'orch-prepare-'));
  await mkdir(path.join(root, 'scripts'));
  await mkdir(path.join(root, 'src'));
  await copyFile(path.resolve('scripts/buildIfStale.mjs'), path.join(root, 'scripts', 'buildIfStale.mjs'));
  const build = "const fs=require('fs');fs.appendFileSync('builds.txt','b');fs.mkdirSync('dist/src',{recursive:true});fs.writeFileSync('dist/src/cli.js','')";
  await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'p', private: true, scripts: { build: `node -e "${build}"` } }));
  await writeFile(path.join(root, 'src', 'a.ts'), 'export {};\n');
  const past = new Date(Date.now() - 60_000);
  for (const file of ['package.json', 'src/a.ts', 'src']) await utimes(path.join(root, file), past, past);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('prepare builds only a stale build', () => {
  it('builds a clone with no build, skips a current one, rebuilds after a source changes', async () => {
    await prepare();
    expect(await builds()).toBe(1);
    await prepare();
    expect(await builds()).toBe(1);
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(root, 'src', 'a.ts'), later, later);
    await prepare();
    expect(await builds()).toBe(2);
  });
});
