/**
 * How many receive loops poll one queue at once, scaled the way Lambda scales
 * an SQS event source mapping's pollers: one loop while the queue is quiet,
 * one more each time a loop receives messages (there may be more waiting), up
 * to the function's maximum; a loop whose receive comes back empty retires
 * unless it is the last one.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
 */

/**
 * One receive loop. It calls `grow()` when it received messages and `retire()`
 * when its receive came back empty, and returns when `retire()` answers true.
 */
export type PollLoop = (scaling: { grow(): void; retire(): boolean }) => Promise<void>;

export class PollerLoops {
  /** Loops that have not decided to retire. */
  private active = 0;
  private readonly running = new Set<Promise<void>>();
  private peakActive = 0;

  /**
   * @param max most loops at once (at least 1).
   * @param loop the loop body; an error it throws ends only that loop.
   */
  constructor(
    private readonly max: number,
    private readonly loop: PollLoop,
  ) {}

  /** Most loops that ran at once so far. */
  get peak(): number {
    return this.peakActive;
  }

  /** Starts the first loop; resolves once every loop has returned. */
  async run(): Promise<void> {
    this.grow();
    // Loops started while waiting join the set, so wait until it stays empty.
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Starts one more loop, unless `max` are running. */
  private grow(): void {
    if (this.active >= Math.max(1, this.max)) return;
    this.active += 1;
    this.peakActive = Math.max(this.peakActive, this.active);
    let counted = true;
    const retire = () => {
      // Decided here, not when the loop returns: two loops finding the queue empty at
      // the same moment must not both leave, or nobody would poll.
      if (this.active <= 1) return false;
      this.active -= 1;
      counted = false;
      return true;
    };
    const running: Promise<void> = this.loop({ grow: () => this.grow(), retire })
      .catch(() => {})
      .finally(() => {
        if (counted) this.active -= 1;
        this.running.delete(running);
      });
    this.running.add(running);
  }
}
