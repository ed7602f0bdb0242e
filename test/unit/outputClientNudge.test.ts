import { chmodSync, mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { OutputClient } from '../../src/feed/outputClient.js';
import { waitFor } from '../harness/tmuxServer.js';

const FAKE = fileURLToPath(new URL('./fakeTmuxControl.mjs', import.meta.url));
const NUDGE_MS = 100;
const clients: OutputClient[] = [];

/** A client on the fake tmux; the fake logs the lines it reads to `log`. */
function start(mode: 'prompt' | 'hold' | 'silent'): { client: OutputClient; sent: () => string[] } {
  chmodSync(FAKE, 0o755);
  const log = path.join(mkdtempSync(path.join(tmpdir(), 'orch-nudge-')), `${mode}-lines.log`);
  const client = new OutputClient({
    server: { socketPath: log },
    binary: FAKE,
    session: '$1',
    pauseAfterS: 2,
    nudgeAfterMs: NUDGE_MS,
    onEvent: () => undefined,
    onExit: () => undefined,
  });
  clients.push(client);
  const sent = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
  return { client, sent };
}

/** Long enough for several nudges, were the client to send them. */
const severalNudgeDelays = () => new Promise((resolve) => setTimeout(resolve, NUDGE_MS * 6));

afterEach(() => {
  for (const client of clients.splice(0)) client.stop();
});

describe('OutputClient nudge (tmux 3.3a holding back replies and %pause)', () => {
  it('sends nothing while every reply came', async () => {
    const { client, sent } = start('prompt');
    await client.attached;
    expect(await client.run(['display-message', '-p', 'x'])).toHaveLength(1);
    await severalNudgeDelays();
    expect(sent()).toEqual(['"display-message" "-p" "x"']);
    expect(client.nudges).toBe(0);
  });

  it('sends one no-op command when a reply is held back, and gets the reply through it', async () => {
    const { client, sent } = start('hold');
    await client.attached;
    const started = Date.now();
    const replies = await client.run(['display-message', '-p', 'x']);
    expect(replies).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(NUDGE_MS - 5);
    expect(client.nudges).toBe(1);
    expect(sent()).toEqual(['"display-message" "-p" "x"', '"display-message" "-p" ""']);
  });

  it('never sends a second nudge while the first is unanswered (a server that stopped answering)', async () => {
    const { client, sent } = start('silent');
    await client.attached;
    void client.run(['display-message', '-p', 'x']);
    await waitFor(() => expect(client.nudges).toBe(1), { timeoutMs: 2000, intervalMs: 10 });
    await severalNudgeDelays();
    expect(client.nudges).toBe(1);
    expect(sent()).toHaveLength(2);
  });

  it('waits for the last command written: a command is itself a nudge', async () => {
    const { client, sent } = start('silent');
    await client.attached;
    for (let i = 0; i < 4; i++) {
      client.send(['display-message', '-p', String(i)]);
      await new Promise((resolve) => setTimeout(resolve, NUDGE_MS / 2));
    }
    expect(client.nudges).toBe(0);
    await waitFor(() => expect(client.nudges).toBe(1), { timeoutMs: 2000, intervalMs: 10 });
    expect(sent()).toHaveLength(5);
  });
});
