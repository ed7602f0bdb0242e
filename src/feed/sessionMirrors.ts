/**
 * The mirrors of one watched session's panes, in the output watcher
 * process: each wanted pane is seeded from a capture on the session's own
 * output client, then fed that pane's `%output`. A pane is re-seeded when
 * it is paused and resumed, when its window's layout changes (a resize),
 * and when a comparison with a fresh capture disagrees (counted).
 */
import type { OutputClient } from './outputClient.js';
import { PaneTextDecoder } from './outputData.js';
import type { ControlReply } from './controlNotifications.js';
import { PaneMirror, describeDifference } from '../mirror/paneMirror.js';
import { parsePaneModes, seedCommands, type PaneSeed } from '../mirror/seedText.js';
import { screenLines } from '../mirror/paneBody.js';

/** A pane that printed nothing for this long is compared with a fresh capture (once per quiet spell). */
const QUIET_MS = 800;
/** A busy pane is compared this often (only a comparison with no output of the pane in flight counts). */
const BUSY_CHECK_MS = 5000;
/** A seed that output raced is tried again this soon, this many times. */
const RESEED_MS = 150;
const RESEED_TRIES = 5;
/**
 * Characters given to a mirror and not yet parsed, past which a pane's
 * output is dropped and the mirror seeded again once it caught up: a
 * flood (`yes`, `cat` of a big file) must not queue megabytes in this
 * process nor keep it from reading the other panes.
 */
const MAX_BACKLOG = 256 * 1024;

/** The mirror's record against tmux, for the benchmark and the log. */
export interface MirrorStats {
  seeds: number;
  /** Comparisons with a capture that no output of the pane raced. */
  compared: number;
  /** Of those, how many disagreed (each re-seeded the mirror). */
  disagreed: number;
  /** Disagreements on panes that had been quiet for QUIET_MS before the capture. */
  disagreedQuiet: number;
  /** The latest disagreement, as one line. */
  lastDifference?: string;
}

export function emptyStats(): MirrorStats {
  return { seeds: 0, compared: 0, disagreed: 0, disagreedQuiet: 0 };
}

interface Mirrored {
  mirror: PaneMirror | undefined;
  decoder: PaneTextDecoder;
  /** `%output` lines of the pane so far: a capture is exact when this did not move between its command and its reply. */
  outputs: number;
  lastOutputAt: number;
  /** A capture is in flight for it. */
  capturing: boolean;
  /** The last seed was raced by output: try again (this many tries left). */
  reseedTries: number;
  /** Compared since it last printed. */
  checkedQuiet: boolean;
  lastCheckAt: number;
  /** Characters written to the mirror and not parsed yet. */
  backlog: number;
  /** Output was dropped for the backlog: seed once it is parsed. */
  overflowed: boolean;
  /** A seed was asked for while a capture was in flight: run it after. */
  seedAfter: boolean;
}

export class SessionMirrors {
  private readonly panes = new Map<string, Mirrored>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: OutputClient,
    private readonly stats: MirrorStats,
    /** A pane's screen changed (parsed). */
    private readonly onChanged: (paneId: string) => void,
    /** The stats moved (a comparison, a seed). */
    private readonly onStats: () => void = () => undefined,
  ) {}

  /** Mirror exactly these panes (seeding the new ones). */
  want(paneIds: readonly string[], attached: boolean): void {
    const wanted = new Set(paneIds);
    for (const [id, pane] of this.panes) {
      if (wanted.has(id)) continue;
      pane.mirror?.dispose();
      this.panes.delete(id);
    }
    for (const id of wanted) {
      if (this.panes.has(id)) continue;
      this.panes.set(id, {
        mirror: undefined, decoder: new PaneTextDecoder(), outputs: 0, lastOutputAt: 0,
        capturing: false, reseedTries: RESEED_TRIES, checkedQuiet: false, lastCheckAt: 0, backlog: 0, overflowed: false, seedAfter: false,
      });
      if (attached) void this.capture(id, 'seed');
    }
    this.schedule();
  }

  /** The client is attached: output flows from now on, seeds are exact. */
  attached(): void {
    for (const id of this.panes.keys()) void this.capture(id, 'seed');
  }

  output(paneId: string, data: string): void {
    const pane = this.panes.get(paneId);
    if (!pane) return;
    pane.outputs++;
    pane.lastOutputAt = Date.now();
    pane.checkedQuiet = false;
    const text = pane.decoder.write(data);
    const mirror = pane.mirror;
    if (!mirror) return;
    if (pane.backlog > MAX_BACKLOG) {
      pane.overflowed = true;
      return;
    }
    pane.backlog += text.length;
    mirror.write(text, () => {
      pane.backlog -= text.length;
      if (pane.backlog === 0 && pane.overflowed && this.panes.get(paneId) === pane) {
        pane.overflowed = false;
        void this.capture(paneId, 'seed');
      }
      this.onChanged(paneId);
    });
    this.schedule();
  }

  /** Output was dropped (a pause) or the layout changed: seed again. */
  reseed(paneIds: readonly string[] = [...this.panes.keys()]): void {
    for (const id of paneIds) if (this.panes.has(id)) void this.capture(id, 'seed');
  }

  /** The pane's lines with their colours (as `capture-pane -e -J` gives them), or undefined while it has no mirror. */
  lines(paneId: string): string[] | undefined {
    const mirror = this.panes.get(paneId)?.mirror;
    return mirror ? screenLines(mirror.terminal, undefined, true) : undefined;
  }

  has(paneId: string): boolean {
    return this.panes.get(paneId)?.mirror !== undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const pane of this.panes.values()) pane.mirror?.dispose();
    this.panes.clear();
  }

  /** Seed, or compare (and re-seed on a difference), from one capture. */
  private async capture(paneId: string, purpose: 'seed' | 'check'): Promise<void> {
    const pane = this.panes.get(paneId);
    if (!pane) return;
    if (pane.capturing) {
      if (purpose === 'seed') pane.seedAfter = true;
      return;
    }
    pane.capturing = true;
    const before = pane.outputs;
    const quietBefore = Date.now() - pane.lastOutputAt >= QUIET_MS;
    let replies: ControlReply[];
    try {
      replies = await this.client.run(...seedCommands(paneId));
    } finally {
      pane.capturing = false;
    }
    if (this.panes.get(paneId) !== pane) return;
    if (pane.seedAfter) {
      pane.seedAfter = false;
      if (purpose === 'check') return this.capture(paneId, 'seed');
    }
    const seed = toSeed(replies);
    if (!seed) return;
    const exact = pane.outputs === before;
    pane.lastCheckAt = Date.now();
    if (purpose === 'check') {
      if (!exact || !pane.mirror) return this.schedule();
      const mirror = pane.mirror;
      pane.checkedQuiet = true;
      mirror.afterWrites(() => {
        if (this.panes.get(paneId) !== pane || pane.mirror !== mirror) return;
        this.stats.compared++;
        this.onStats();
        const difference = mirror.differenceFrom(seed.modes, seed.capture);
        if (!difference) return;
        this.stats.disagreed++;
        if (quietBefore) this.stats.disagreedQuiet++;
        this.stats.lastDifference = `${paneId} ${describeDifference(difference)}`;
        this.apply(pane, paneId, seed);
      });
      return;
    }
    this.apply(pane, paneId, seed);
    if (exact) pane.reseedTries = RESEED_TRIES;
    else if (pane.reseedTries-- > 0) setTimeout(() => void this.capture(paneId, 'seed'), RESEED_MS).unref();
  }

  private apply(pane: Mirrored, paneId: string, seed: PaneSeed): void {
    this.stats.seeds++;
    this.onStats();
    if (!pane.mirror) pane.mirror = new PaneMirror(seed.modes.width, seed.modes.height);
    pane.mirror.seed(seed, () => this.onChanged(paneId));
  }

  /** Quiet panes are compared once, busy ones every BUSY_CHECK_MS; a mirror xterm.js choked on is seeded. */
  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = Date.now();
      let again = false;
      for (const [id, pane] of this.panes) {
        if (!pane.mirror) continue;
        if (pane.capturing || pane.backlog > 0 || pane.overflowed) {
          // Seeding, capturing or parsing: look again (a check may be due once it is done).
          again = true;
          continue;
        }
        if (pane.mirror.needsSeed) {
          void this.capture(id, 'seed');
          continue;
        }
        const quiet = now - pane.lastOutputAt >= QUIET_MS;
        if (quiet && !pane.checkedQuiet) void this.capture(id, 'check');
        else if (!quiet && now - pane.lastCheckAt >= BUSY_CHECK_MS) void this.capture(id, 'check');
        if (!quiet || !pane.checkedQuiet) again = true;
      }
      if (again) this.schedule();
    }, QUIET_MS / 2);
    this.timer.unref();
  }
}

function toSeed(replies: readonly ControlReply[]): PaneSeed | undefined {
  const [modesReply, screen, normal] = replies;
  const modes = parsePaneModes(modesReply?.lines[0] ?? '');
  if (!modes || !screen?.ok || !normal) return undefined;
  return { modes, capture: screen.lines, normal: normal.lines };
}
