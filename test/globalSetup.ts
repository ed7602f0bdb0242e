import { execa } from 'execa';

/** End-to-end tests run the built CLI: build once before any test file runs. */
export default async function setup(): Promise<void> {
  await execa('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
