// Writes a large batch as several short transactions. A transaction holds the store's write lock
// from its first write to its commit, and a hook (an agent waits on it) cannot write meanwhile:
// each one is sized to take about TARGET_MS, learning the size from the ones before it, so the
// import keeps most of its throughput and a hook waits milliseconds, not seconds.

/** About how long one import transaction may hold the write lock. */
export const TARGET_MS = 60;
const MIN = 64;
const MAX = 20_000;

export class TimeSlicer {
  private size: number;

  constructor(
    private readonly now: () => number = () => performance.now(),
    first = 1000,
  ) {
    this.size = first;
  }

  /** Calls `write` with consecutive slices of `items`, each sized to take about TARGET_MS. */
  each<T>(items: readonly T[], write: (slice: T[]) => void): void {
    for (let at = 0; at < items.length;) {
      const slice = items.slice(at, at + this.size);
      const start = this.now();
      write(slice);
      this.learn(slice.length, this.now() - start);
      at += slice.length;
    }
  }

  private learn(count: number, elapsed: number): void {
    if (count < this.size) return; // A short tail says little about the rate.
    const next = Math.round((count * TARGET_MS) / Math.max(elapsed, 1));
    // Grow gently (a fast slice may be luck), shrink at once.
    this.size = Math.max(
      MIN,
      Math.min(MAX, next > this.size ? Math.min(next, this.size * 2) : next),
    );
  }

  /** The slice size the next write gets (for tests). */
  get current(): number {
    return this.size;
  }
}
