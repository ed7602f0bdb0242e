import { chmodSync, mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

/**
 * The client's clock is faked once it is attached (the fake tmux is a real
 * process): time moves only when a test says, so a loaded machine cannot
 * make a reply look late.
 */
async function attachedWithFakeClock(client: OutputClient): Promise<void> {
  await client.attached;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
}

/** Long enough for several nudges, were the client to send them. */
const severalNudgeDelays = () => vi.advanceTimersByTime(NUDGE_MS * 10);

afterEach(() => {
  vi.useRealTimers();
  for (const client of clients.splice(0)) client.stop();
});

describe('OutputClient nudge (tmux 3.3a holding back replies and %pause)', () => {
  it('sends nothing while every reply came', async () => {
    const { client, sent } = start('prompt');
    await attachedWithFakeClock(client);
    expect(await client.run(['display-message', '-p', 'x'])).toHaveLength(1);
    severalNudgeDelays();
    expect(client.nudges).toBe(0);
    vi.useRealTimers();
    expect(sent()).toEqual(['"display-message" "-p" "x"']);
    expect(client.nudges).toBe(0);
  });

  it('sends one no-op command when a reply is held back, and gets the reply through it', async () => {
    const { client, sent } = start('hold');
    await attachedWithFakeClock(client);
    const reply = client.run(['display-message', '-p', 'x']);
    vi.advanceTimersByTime(NUDGE_MS - 1);
    expect(client.nudges).toBe(0);
    vi.advanceTimersByTime(1);
    expect(client.nudges).toBe(1);
    expect(await reply).toHaveLength(1);
    expect(sent()).toEqual(['"display-message" "-p" "x"', '"display-message" "-p" ""']);
  });

  it('never sends a second nudge while the first is unanswered (a server that stopped answering)', async () => {
    const { client, sent } = start('silent');
    await attachedWithFakeClock(client);
    void client.run(['display-message', '-p', 'x']);
    vi.advanceTimersByTime(NUDGE_MS);
    expect(client.nudges).toBe(1);
    severalNudgeDelays();
    expect(client.nudges).toBe(1);
    vi.useRealTimers();
    await waitFor(() => expect(sent()).toHaveLength(2), { timeoutMs: 2000, intervalMs: 10 });
  });

  it('waits for the last command written: a command is itself a nudge', async () => {
    const { client, sent } = start('silent');
    await attachedWithFakeClock(client);
    for (let i = 0; i < 4; i++) {
      client.send(['display-message', '-p', String(i)]);
      vi.advanceTimersByTime(NUDGE_MS / 2);
    }
    expect(client.nudges).toBe(0);
    vi.advanceTimersByTime(NUDGE_MS / 2 - 1);
    expect(client.nudges).toBe(0);
    vi.advanceTimersByTime(1);
    expect(client.nudges).toBe(1);
    vi.useRealTimers();
    await waitFor(() => expect(sent()).toHaveLength(5), { timeoutMs: 2000, intervalMs: 10 });
  });
});
