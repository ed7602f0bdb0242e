/**
 * A control-mode client never starts a tmux server: `attach-session` with no
 * server running would start one, which says "no sessions", exits, and
 * leaves its socket file behind (a demo that had removed its socket on quit
 * found it back). Both of orch-tui's control clients pass -N.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ControlModeClient } from '../../src/tmux/controlModeClient.js';
import { OutputClient } from '../../src/feed/outputClient.js';
import { NoServerError } from '../../src/tmux/tmuxErrors.js';

describe('a control client on a server that is not running', () => {
  it('fails with no server and leaves no socket behind', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orch-no-server-'));
    const socketPath = path.join(dir, 'gone');
    try {
      const client = new ControlModeClient({ socketPath }, { session: '$0' });
      await expect(client.start()).rejects.toBeInstanceOf(NoServerError);
      const ended = await new Promise<string>((resolve) => {
        new OutputClient({ server: { socketPath }, session: '$0', pauseAfterS: 2, onEvent: () => undefined, onExit: resolve });
      });
      expect(ended).not.toBe('');
      expect(existsSync(socketPath)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
