// Time is passed in, so tests fix it and nothing reads the wall clock behind the caller's back.
// The hybrid logical clock orders records across machines without a coordinator: a stamp is
// physical ms, a counter and the machine id, and it sorts as a string.

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(start: number, stepMs = 0): Clock {
  let t = start;
  return {
    now: () => {
      const v = t;
      t += stepMs;
      return v;
    },
  };
}

const MS_WIDTH = 9; // base36: enough for every millisecond until the year 5188
const COUNTER_WIDTH = 4;

export interface HlcParts {
  ms: number;
  counter: number;
  machineId: string;
}

export function formatHlc(p: HlcParts): string {
  return `${p.ms.toString(36).padStart(MS_WIDTH, '0')}-${p.counter.toString(36).padStart(COUNTER_WIDTH, '0')}-${p.machineId}`;
}

export function parseHlc(stamp: string): HlcParts {
  const [ms, counter, ...rest] = stamp.split('-');
  return {
    ms: parseInt(ms ?? '', 36),
    counter: parseInt(counter ?? '0', 36),
    machineId: rest.join('-'),
  };
}

export class HybridLogicalClock {
  private lastMs = 0;
  private counter = 0;

  constructor(
    private readonly machineId: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A stamp for a local write, strictly greater than every stamp seen so far. */
  tick(): string {
    const physical = this.clock.now();
    if (physical > this.lastMs) {
      this.lastMs = physical;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
    return formatHlc({ ms: this.lastMs, counter: this.counter, machineId: this.machineId });
  }

  /** Folds in a stamp from elsewhere (another process or machine) so later ticks sort after it. */
  observe(stamp: string): void {
    const remote = parseHlc(stamp);
    if (!Number.isFinite(remote.ms)) return;
    if (remote.ms > this.lastMs) {
      this.lastMs = remote.ms;
      this.counter = remote.counter;
    } else if (remote.ms === this.lastMs && remote.counter > this.counter) {
      this.counter = remote.counter;
    }
  }
}
