import { paneSignature, type PaneInfo } from '../tmux/paneFormat.js';
import type { TmuxAdapter } from '../tmux/tmuxAdapter.js';
import { describeError } from '../tmux/tmuxErrors.js';
import type { OrchStore } from '../store/orchStore.js';
import { dispatch } from '../store/orchStore.js';
import { applySnapshot, markServerUnavailable } from '../store/orchActions.js';
import { selectWorkers } from '../workers/selectWorkers.js';
import { planCaptures, type PaneMemory } from './capturePlan.js';
import { capturePanesInto, DEFAULT_POLL, type WorkerSnapshot } from './pollWorkers.js';
import { StateObserver, type LinesOf, type PreviousOf } from './observeStates.js';
import { OutputWatch } from './outputWatch.js';
import { watchPlan } from './watchPlan.js';
import { parseControlLine } from './controlNotifications.js';
import { SoonestTimer } from './soonestTimer.js';

export interface LiveFeedOptions {
  adapter: TmuxAdapter;
  store: OrchStore;
  /** Discovery period without output events (the fallback poll), ms. */
  intervalMs: number;
  sessionGlob?: string;
  /** Least time between two store writes from captures (one frame), ms. */
  frameMs?: number;
  /** Discovery period while output events arrive (the safety poll), ms. */
  safetyMs?: number;
  /** `false` skips the output watcher: poll only. */
  watchOutput?: boolean;
}

/** A zoomed pane is captured with its scrollback: not more often than this. */
const ZOOM_CAPTURE_MS = 100;
/** A frame that failed (tmux did not answer) is tried again this soon, with the panes it was to show. */
const FAILED_FRAME_RETRY_MS = 500;
/**
 * Output of one burst reaches the watcher over a few milliseconds (one
 * client per session): a frame waits this long for the rest of it, instead
 * of drawing the first pane now and the others a whole frame later.
 */
const GATHER_MS = 6;
/** A printing pane's state is decided at most this often. */
const STATE_EVERY_MS = 250;
/** Topology notifications come in bursts (a new session is several): wait this long. */
const TOPOLOGY_DEBOUNCE_MS = 20;

/**
 * The dashboard's view of the server, driven by events.
 *
 * - An output watcher process tells which panes printed; only panes on
 *   screen are captured, at most once a frame, and the store is written
 *   once per frame with every capture of that frame.
 * - Discovery (`list-panes`) runs when tmux says sessions, windows or panes
 *   changed, and on a slow safety poll that also catches what no event
 *   tells (a title, a pane that died without printing) and refreshes the
 *   panes off screen by their signature.
 * - Without the watcher (it could not start, or a fake adapter) discovery
 *   simply runs every `intervalMs`, which is the old polling feed.
 */
export class LiveFeed {
  private readonly memory = new Map<string, PaneMemory>();
  private readonly observer = new StateObserver();
  private readonly dirty = new Set<string>();
  private readonly frameMs: number;
  private panes: PaneInfo[] = [];
  private byId = new Map<string, PaneInfo>();
  private visible = new Set<string>();
  private serverPid: number | undefined;
  private serverDown = false;
  /** A discovery has reached the store since the feed started. */
  private seenServer = false;
  private unsubscribe: (() => void) | undefined;
  private watch: OutputWatch | undefined;
  private stopped = false;
  private readonly discoveryTimer = new SoonestTimer(() => this.runDiscovery());
  private readonly frameTimer = new SoonestTimer(() => void this.frame());
  private discovering: Promise<void> | undefined;
  private discoverAgain = false;
  private framing = false;
  private lastFrameAt = 0;
  private readonly lastCaptureAt = new Map<string, number>();
  private readonly lastDecidedAt = new Map<string, number>();
  private readonly undecided = new Set<string>();

  constructor(private readonly options: LiveFeedOptions) {
    this.frameMs = options.frameMs ?? 33;
  }

  start(): void {
    if (this.options.watchOutput !== false && this.options.adapter.watchesOutput) {
      const watch = new OutputWatch({
        server: this.options.adapter.server,
        onDirty: (ids) => this.onDirty(ids),
        onTopology: () => this.discoverSoon(TOPOLOGY_DEBOUNCE_MS),
        onGone: () => {
          this.watch = undefined;
        },
      });
      if (watch.start()) this.watch = watch;
    }
    // The command channel is a control client too: it hears sessions and
    // windows come and go even when no output client is attached.
    this.unsubscribe = this.options.adapter.onNotification?.((line) => {
      if (parseControlLine(line)?.kind === 'topology') this.discoverSoon(TOPOLOGY_DEBOUNCE_MS);
    });
    this.discoverSoon(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.discoveryTimer.cancel();
    this.frameTimer.cancel();
    await this.watch?.close();
  }

  /** The panes now on screen: the only ones captured as they print. */
  setVisible(ids: readonly string[]): void {
    const next = new Set(ids);
    let appeared = false;
    for (const id of next) {
      if (!this.visible.has(id)) {
        this.dirty.add(id);
        appeared = true;
      }
    }
    this.visible = next;
    this.updateWatch();
    if (appeared) this.scheduleFrame();
  }

  /** Whether output events drive the feed (false: polling). */
  get watching(): boolean {
    return this.watch?.running === true;
  }

  /** The output watcher, while it runs. */
  get outputWatch(): OutputWatch | undefined {
    return this.watching ? this.watch : undefined;
  }

  /** While the server answers and output events come, discovery is only a safety net. */
  private get discoveryPeriod(): number {
    if (!this.watching || this.serverDown) return this.options.intervalMs;
    return Math.max(this.options.intervalMs, this.options.safetyMs ?? 1000);
  }

  private discoverSoon(delayMs: number): void {
    if (this.stopped) return;
    if (this.discovering) {
      this.discoverAgain = true;
      return;
    }
    // A discovery already due sooner stays; a burst of events cannot keep pushing it back.
    this.discoveryTimer.in(delayMs);
  }

  private runDiscovery(): void {
    this.discovering = this.discover().finally(() => {
      this.discovering = undefined;
      if (this.stopped) return;
      const again = this.discoverAgain;
      this.discoverAgain = false;
      this.discoverSoon(again ? TOPOLOGY_DEBOUNCE_MS : this.discoveryPeriod);
    });
  }

  private async discover(): Promise<void> {
    const { adapter, store, sessionGlob } = this.options;
    const now = Date.now();
    try {
      const all = await adapter.listPanes();
      const pid = all[0]?.serverPid;
      if (pid !== undefined && this.serverPid !== undefined && pid !== this.serverPid) {
        // A new server numbers its panes from %0 again: nothing remembered
        // about a pane id still holds.
        this.memory.clear();
        this.lastCaptureAt.clear();
      }
      if (pid !== undefined) this.serverPid = pid;
      const panes = selectWorkers(all, { ownPane: adapter.ownPane, sessionGlob });
      const unchanged = this.seenServer && samePanes(this.panes, panes) && !this.serverDown;
      this.setPanes(panes);
      const zoomedPaneId = this.zoomedPaneId();
      const requests = planCaptures(panes, this.memory, { ...DEFAULT_POLL, now, zoomedPaneId });
      // Nothing moved on a quiet server: no state can have changed either,
      // unless it is read from elsewhere (Claude's session file, a shell's
      // foreground job) or ends with time (starting).
      const server = store.getState().server;
      const channelSame = server.kind === 'ok' && server.channel === adapter.channelKind();
      if (unchanged && channelSame && requests.length === 0 && !this.hasLiveSources(store)) return;
      const { snapshot, fromMirrors } = await this.capture(panes, requests.map((r) => r.paneId), now);
      if (this.stopped) return;
      if (snapshot.captures.size > 0) this.observer.noteActivity();
      snapshot.states = await this.observer.observe(panes, this.linesOf(snapshot), this.previousOf(), now);
      if (this.stopped) return;
      dispatch(store, applySnapshot, snapshot, adapter.channelKind());
      this.againIfMirrorsMoved(fromMirrors);
      this.serverDown = false;
      this.seenServer = true;
      this.updateWatch();
    } catch (error) {
      if (this.stopped) return;
      this.serverDown = true;
      this.memory.clear();
      dispatch(store, markServerUnavailable, describeError(error));
    }
  }

  private hasLiveSources(store: OrchStore): boolean {
    if (this.observer.hasLiveDecisions) return true;
    const { workers } = store.getState();
    return this.panes.some((p) => {
      const w = workers[p.paneId];
      return !w || w.agent === 'claude' || w.state === 'starting' || w.state === 'unknown';
    });
  }

  private setPanes(panes: PaneInfo[]): void {
    this.panes = panes;
    this.byId = new Map(panes.map((p) => [p.paneId, p]));
    for (const id of this.memory.keys()) if (!this.byId.has(id)) this.memory.delete(id);
    for (const map of [this.lastCaptureAt, this.lastDecidedAt]) {
      for (const id of map.keys()) if (!this.byId.has(id)) map.delete(id);
    }
  }

  private updateWatch(): void {
    if (!this.watch) return;
    this.watch.watch(watchPlan(this.panes, this.visible, this.options.adapter.ownPane));
  }

  private onDirty(ids: readonly string[]): void {
    let any = false;
    for (const id of ids) {
      if (!this.visible.has(id)) continue;
      this.dirty.add(id);
      any = true;
    }
    if (any) this.scheduleFrame();
  }

  private scheduleFrame(): void {
    const now = Date.now();
    // After a quiet spell a burst is gathered; while frames already follow
    // each other, the frame cadence itself gathers.
    const gather = now - this.lastFrameAt > 2 * this.frameMs ? GATHER_MS : 0;
    this.frameIn(Math.max(gather, this.lastFrameAt + this.frameMs - now));
  }

  /** Run a frame in `ms`, unless one is already due sooner or running. */
  private frameIn(ms: number): void {
    if (this.stopped || this.framing) return;
    this.frameTimer.in(ms);
  }

  /** Capture the dirty panes on screen and write them to the store: one frame. */
  private async frame(): Promise<void> {
    const now = Date.now();
    const zoomed = this.zoomedPaneId();
    const due: string[] = [];
    let retryIn = Infinity;
    for (const id of this.dirty) {
      if (!this.byId.has(id) || !this.visible.has(id)) {
        this.dirty.delete(id);
        continue;
      }
      const wait = id === zoomed ? (this.lastCaptureAt.get(id) ?? 0) + ZOOM_CAPTURE_MS - now : 0;
      if (wait > 0) {
        retryIn = Math.min(retryIn, wait);
        continue;
      }
      due.push(id);
      this.dirty.delete(id);
    }
    const decide = this.panesToDecide(due, now);
    if (this.undecided.size > 0) retryIn = Math.min(retryIn, STATE_EVERY_MS);
    if (due.length === 0 && decide.length === 0) {
      if (retryIn < Infinity) this.frameIn(retryIn);
      return;
    }
    this.framing = true;
    this.lastFrameAt = now;
    let failed = false;
    try {
      const { snapshot, fromMirrors } = await this.capture(this.panes, due, now);
      if (this.stopped) return;
      const panes = decide.map((id) => this.byId.get(id)).filter((p): p is PaneInfo => p !== undefined);
      snapshot.states = await this.observer.observeSome(panes, this.linesOf(snapshot), this.previousOf(), now);
      if (this.stopped) return;
      dispatch(this.options.store, applySnapshot, snapshot, this.options.adapter.channelKind());
      this.againIfMirrorsMoved(fromMirrors);
    } catch (error) {
      if (this.stopped) return;
      dispatch(this.options.store, markServerUnavailable, describeError(error));
      // Their new lines are not in the store: a quiet pane would never say so again.
      for (const id of due) this.dirty.add(id);
      failed = true;
    } finally {
      this.framing = false;
    }
    if (failed) this.frameIn(FAILED_FRAME_RETRY_MS);
    else if (this.dirty.size > 0) this.scheduleFrame();
    else if (retryIn < Infinity) this.frameIn(retryIn);
  }

  /**
   * A pane's state is decided at most every STATE_EVERY_MS while it prints
   * (lines show at frame rate; a state needs not, and a decision reads
   * files): panes captured sooner wait, and are decided on a later frame
   * from the lines already in the store.
   */
  private panesToDecide(captured: readonly string[], now: number): string[] {
    for (const id of captured) this.undecided.add(id);
    const decide: string[] = [];
    for (const id of this.undecided) {
      if (!this.byId.has(id)) {
        this.undecided.delete(id);
        continue;
      }
      if (now - (this.lastDecidedAt.get(id) ?? 0) < STATE_EVERY_MS) continue;
      decide.push(id);
      this.undecided.delete(id);
      this.lastDecidedAt.set(id, now);
    }
    return decide;
  }

  /**
   * Read `ids` (a subset of `panes`) into a snapshot of all `panes`: a
   * mirrored pane's lines come from its mirror in the watcher (no tmux
   * call); the others, and the zoomed pane (its deep history), are
   * captured.
   */
  private async capture(panes: PaneInfo[], ids: readonly string[], now: number): Promise<{ snapshot: WorkerSnapshot; fromMirrors: Map<string, string[]> }> {
    const zoomed = this.zoomedPaneId();
    const mirrored = new Map<string, string[]>();
    const requests: Array<{ paneId: string; historyLines: number }> = [];
    for (const paneId of ids) {
      const lines = paneId === zoomed ? undefined : this.watch?.mirrorLines(paneId);
      if (lines) mirrored.set(paneId, lines);
      else requests.push({ paneId, historyLines: paneId === zoomed ? DEFAULT_POLL.zoomHistory : DEFAULT_POLL.gridHistory });
    }
    const { captures, paneErrors } = await capturePanesInto(this.options.adapter, requests, this.byId, this.memory);
    for (const [paneId, lines] of mirrored) {
      captures.set(paneId, lines);
      const pane = this.byId.get(paneId);
      if (pane) this.memory.set(paneId, { signature: paneSignature(pane), historyLines: DEFAULT_POLL.gridHistory });
    }
    for (const id of captures.keys()) this.lastCaptureAt.set(id, now);
    return { snapshot: { at: now, panes, captures, paneErrors }, fromMirrors: mirrored };
  }

  /**
   * A snapshot is written to the store after its states are decided (files
   * read, a while under load), and a frame and a discovery each write their
   * own: a mirror's lines that moved on since the snapshot read them may
   * have just been written over with older ones (a stalled watcher's pane
   * showed a line of its flood for good). Those panes are read again.
   */
  private againIfMirrorsMoved(fromMirrors: ReadonlyMap<string, string[]>): void {
    let moved = false;
    for (const [paneId, lines] of fromMirrors) {
      if (this.watch?.mirrorLines(paneId) === lines || !this.visible.has(paneId)) continue;
      this.dirty.add(paneId);
      moved = true;
    }
    if (moved && !this.framing) this.scheduleFrame();
  }

  private zoomedPaneId(): string | undefined {
    const state = this.options.store.getState();
    return state.view === 'zoom' ? state.focusId : undefined;
  }

  private linesOf(snapshot: WorkerSnapshot): LinesOf {
    const output = this.options.store.getState().output;
    return (id) => snapshot.captures.get(id) ?? output[id] ?? [];
  }

  private previousOf(): PreviousOf {
    const workers = this.options.store.getState().workers;
    return (id) => {
      const w = workers[id];
      return w ? { state: w.state, since: w.stateSince } : undefined;
    };
  }
}

/** The same panes, in the same order, each unchanged (parsePaneList keeps unchanged panes' objects). */
function samePanes(a: readonly PaneInfo[], b: readonly PaneInfo[]): boolean {
  return a.length === b.length && a.every((pane, i) => pane === b[i]);
}
