/**
 * A pane on a private test server whose terminal a test writes bytes into
 * (its tty in raw mode, so nothing is translated), watched by the same
 * output client the watcher uses, with a mirror fed from its `%output`.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { OutputClient } from '../../src/feed/outputClient.js';
import { PaneTextDecoder } from '../../src/feed/outputData.js';
import { PaneMirror, type MirrorDifference } from '../../src/mirror/paneMirror.js';
import { parsePaneModes, seedCommands, type PaneSeed } from '../../src/mirror/seedText.js';
import { waitFor, type TestServer } from './tmuxServer.js';

export interface MirroredPane {
  paneId: string;
  /** Bytes tmux has handed out as `%output` for the pane so far. */
  received(): number;
  write(bytes: Buffer): void;
  /** Wait until tmux has sent every byte written so far. */
  settle(): Promise<void>;
  /** Seed the mirror from a capture now (outputs before the reply are what the capture shows). */
  seed(): Promise<void>;
  /** Compare once tmux has sent every byte written; undefined when the mirror equals tmux's screen. */
  compare(): Promise<MirrorDifference | undefined>;
  /** tmux's own screen, as text (for failure messages). */
  screen(): Promise<string>;
  close(): Promise<void>;
  mirror: PaneMirror | undefined;
}

let counter = 0;

/** A fresh session of `width`x`height` whose pane runs `sleep` on a raw terminal. */
export async function openMirroredPane(server: TestServer, width: number, height: number): Promise<MirroredPane> {
  const name = `mirror-${process.pid}-${counter++}`;
  const [sessionId, paneId, tty] = (
    await server.tmux(
      'new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), '-P', '-F', '#{session_id} #{pane_id} #{pane_tty}',
      '--', 'sh', '-c', 'stty raw -echo && exec sleep 2147483647',
    )
  ).trim().split(' ') as [string, string, string];
  await waitFor(async () => {
    const command = (await server.tmux('display-message', '-p', '-t', paneId, '#{pane_current_command}')).trim();
    if (command !== 'sleep') throw new Error(`still ${command}`);
  }, { timeoutMs: 10_000, intervalMs: 20 });
  const fd = openSync(tty, 'w');
  let received = 0;
  let written = 0;
  let outputs = 0;
  let mirror: PaneMirror | undefined;
  const decoder = new PaneTextDecoder();
  const client = new OutputClient({
    server: { socketName: server.socket },
    session: sessionId,
    pauseAfterS: 30,
    onEvent: (event) => {
      if (event.kind !== 'output' || event.paneId !== paneId) return;
      outputs++;
      const text = decoder.write(event.data);
      received += Buffer.byteLength(event.data.replace(/\\[0-7]{3}/g, 'x'), 'latin1');
      mirror?.write(text);
    },
    onExit: () => undefined,
  });
  await Promise.race([
    client.attached,
    new Promise((_, reject) => setTimeout(() => reject(new Error('the output client never attached')), 10_000)),
  ]);

  /** Run the seed commands; the replies count as exact only when no output of the pane came meanwhile. */
  const capture = async (): Promise<PaneSeed | undefined> => {
    const before = outputs;
    const [modesReply, screen, normal] = await client.run(...seedCommands(paneId));
    if (outputs !== before) return undefined;
    const modes = parsePaneModes(modesReply?.lines[0] ?? '');
    if (!modes || !screen?.ok || !normal) throw new Error(`seed commands failed: ${JSON.stringify([modesReply, screen, normal])}`);
    return { modes, capture: screen.lines, normal: normal.lines };
  };

  const pane: MirroredPane = {
    paneId,
    received: () => received,
    get mirror() {
      return mirror;
    },
    write(bytes) {
      writeSync(fd, bytes);
      written += bytes.length;
    },
    async seed() {
      const seed = await waitFor(async () => {
        const s = await capture();
        if (!s) throw new Error('the pane printed during the capture');
        return s;
      }, { timeoutMs: 10_000, intervalMs: 10 });
      mirror?.dispose();
      mirror = new PaneMirror(seed.modes.width, seed.modes.height);
      mirror.seed(seed);
    },
    async settle() {
      await waitFor(() => {
        if (received < written) throw new Error(`tmux sent ${received} of ${written} bytes`);
      }, { timeoutMs: 10_000, intervalMs: 5 });
    },
    async compare() {
      await pane.settle();
      const seed = await capture();
      if (!seed) throw new Error('the pane printed during the comparison');
      const current = mirror!;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the mirror never finished parsing what it was given')), 10_000);
        current.afterWrites(() => {
          clearTimeout(timer);
          resolve(current.differenceFrom(seed.modes, seed.capture));
        });
      });
    },
    screen: () => server.tmux('capture-pane', '-p', '-e', '-N', '-t', paneId),
    async close() {
      closeSync(fd);
      client.stop();
      mirror?.dispose();
      await server.tmux('kill-session', '-t', sessionId).catch(() => undefined);
    },
  };
  return pane;
}
