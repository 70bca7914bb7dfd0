// When a crashed language server is restarted: up to `maxRestarts` times within `windowMs`,
// then it stays down until the user restarts it, so a server that crashes on start does not
// loop forever.

export class CrashPolicy {
  private crashes: number[] = [];

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60 * 1000,
  ) {}

  /** Records a crash at `now` (ms); true when the server should be restarted. */
  shouldRestart(now: number): boolean {
    this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
    this.crashes.push(now);
    return this.crashes.length <= this.maxRestarts;
  }

  /** How many crashes count against the limit at `now`. */
  recent(now: number): number {
    return this.crashes.filter((t) => now - t < this.windowMs).length;
  }

  reset(): void {
    this.crashes = [];
  }
}
