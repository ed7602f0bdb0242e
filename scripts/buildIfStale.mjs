#!/usr/bin/env node
// npm's `prepare`: build dist/ unless it is newer than every source file.
//
// npm runs `prepare` after `npm ci`, and runs it AGAIN the first time
// `npx orch-tui` is typed in a clone: npx links the clone into its own cache
// (~/.npm/_npx) and prepares it. A full build there kept a new user looking
// at npm's lone spinner for 6-12 s before the demo showed. `npm run build`
// still always builds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the build reads (tsconfig.build.json's include, and the configs). */
const SOURCES = ['src', 'components', 'hooks', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const BUILT = path.join('dist', 'src', 'cli.js');

function newestMtime(file) {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/** Whether the package at `root` has no build, or one older than a source file. */
export function buildIsStale(root) {
  const built = path.join(root, BUILT);
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  if (buildIsStale(root)) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
}
