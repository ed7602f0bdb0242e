/**
 * Records real tmux screens of plain programs (a shell, a build, failures,
 * a yes/no question) for the generic detector and the error watch.
 *
 *   npx vitest run --config test/state/vitest.record.config.ts
 *
 * Writes test/fixtures/screens/<name>.txt (`capture-pane -p -J`) and
 * index.json (per screen: tmux's pane facts at that moment). Each program
 * runs in its own 100x30 pane of a private server with remain-on-exit.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, it } from 'vitest';
import { startTestServer, waitFor, type TestServer } from '../harness/tmuxServer.js';

interface Recording {
  name: string;
  argv: string[];
  /** The screen is ready when this shows (or the pane is dead, for `dead: true`). */
  readyWhen: RegExp;
  dead?: boolean;
  /** Typed into the pane once it shows `readyWhen`, then wait for `thenWhen`. */
  type?: string;
  thenWhen?: RegExp;
}

const SHELL = ['env', 'PS1=dev@box:~/proj$ ', 'bash', '--norc', '--noprofile', '-i'];
const RECORDINGS: Recording[] = [
  { name: 'shell-idle', argv: SHELL, readyWhen: /\$ $/m, type: 'echo built ok', thenWhen: /^built ok\n.*\$\s*$/m },
  { name: 'build-running', argv: ['sh', '-c', 'echo "make -C src all"; echo "cc -O2 -c main.c -o main.o"; exec sleep 600'], readyWhen: /main\.o/ },
  { name: 'build-failed', argv: ['sh', '-c', 'cd "$(mktemp -d)" && printf "int main(void) { return x; }\\n" > main.c && printf "all:\\n\\tcc -c main.c\\n" > Makefile && make'], readyWhen: /make: \*\*\*/, dead: true },
  { name: 'node-error', argv: ['node', '-e', 'throw new TypeError("cannot read the config")'], readyWhen: /TypeError/, dead: true },
  { name: 'python-traceback', argv: ['python3', '-c', 'import json; json.loads("{")'], readyWhen: /JSONDecodeError/, dead: true },
  { name: 'question-yes-no', argv: ['sh', '-c', 'echo "This will delete 3 files."; printf "Proceed? [y/N] "; read answer'], readyWhen: /\[y\/N\]/ },
];

const FORMAT = '#{pane_current_command}\t#{pane_dead}\t#{pane_dead_status}\t#{alternate_on}';
let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.kill(); });

it('records generic screens', async () => {
  const index: Record<string, unknown>[] = [];
  for (const rec of RECORDINGS) {
    const paneId = (await server.tmux(
      'new-session', '-d', '-s', rec.name, '-x', '100', '-y', '30', '-P', '-F', '#{pane_id}', '--', ...rec.argv,
      ';', 'set-option', '-p', 'remain-on-exit', 'on',
    )).trim();
    const facts = async () => (await server.tmux('display-message', '-p', '-t', paneId, FORMAT)).split('\t');
    const ready = async (pattern: RegExp) => waitFor(async () => {
      const screen = await server.capture(paneId);
      const [, dead] = await facts();
      if (!pattern.test(screen) || (rec.dead && dead !== '1')) throw new Error(`not ready:\n${screen}`);
    }, { timeoutMs: 15_000, message: `recording ${rec.name}` });
    await ready(rec.readyWhen);
    if (rec.type) {
      await server.tmux('send-keys', '-t', paneId, '-l', '--', rec.type);
      await server.tmux('send-keys', '-t', paneId, 'Enter');
      await ready(rec.thenWhen!);
    }
    const screen = await server.capture(paneId);
    const [currentCommand = '', dead, deadStatus, alternateOn] = await facts();
    await writeFile(fileURLToPath(new URL(`../fixtures/screens/${rec.name}.txt`, import.meta.url)), screen);
    index.push({
      name: rec.name, argv: rec.argv, currentCommand, dead: dead === '1',
      ...(deadStatus ? { deadStatus: Number(deadStatus) } : {}), alternateOn: alternateOn === '1',
    });
  }
  await writeFile(fileURLToPath(new URL('../fixtures/screens/index.json', import.meta.url)), `${JSON.stringify(index, null, 2)}\n`);
});
