// The benchmark contract: each bench/*.bench.ts default-exports a Benchmark. A figure is always
// printed beside a baseline measured in the same run (docs/performance.md), never alone.
import { cpus, totalmem } from 'node:os';

export interface Figure {
  /** What was measured, e.g. "import --format events, 1M events". */
  metric: string;
  value: number;
  unit: string;
  /** The baseline measured in the same run, e.g. "JSON.parse of the same file". */
  baseline: string;
  baselineValue: number;
  baselineUnit: string;
  /** The docs/performance.md target, in words, e.g. "≥ 50,000 events/s". */
  target: string;
  /** Whether the target is met (undefined where there is no numeric target). */
  met?: boolean;
}

export interface Benchmark {
  name: string;
  run(): Promise<Figure[]>;
}

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu.trim()}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export function fmt(n: number): string {
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
