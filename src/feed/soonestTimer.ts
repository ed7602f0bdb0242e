/**
 * One pending run of a callback: asking for it sooner moves it earlier,
 * asking for it later leaves it where it is, so a stream of requests can
 * never keep pushing it back.
 */
export class SoonestTimer {
  private timer: NodeJS.Timeout | undefined;
  private due = 0;

  constructor(private readonly run: () => void) {}

  /** Run in `ms`, unless a run is already due sooner. */
  in(ms: number): void {
    const due = Date.now() + ms;
    if (this.timer && this.due <= due) return;
    clearTimeout(this.timer);
    this.due = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, ms);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
