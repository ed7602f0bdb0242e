/**
 * One round of a repeating job (the dispatcher's tick, the notes courier's
 * round) that someone stopping the job can wait for: `settled` resolves
 * once the round under way, if any, is over, whether it succeeded or not.
 */
export class RoundUnderWay {
  private current: Promise<unknown> = Promise.resolve();

  run<T>(round: () => Promise<T>): Promise<T> {
    const running = round();
    this.current = running.catch(() => undefined);
    return running;
  }

  async settled(): Promise<void> {
    await this.current;
  }
}
