// Progress for long work, on stderr and only on a terminal: bytes read, events, MB/s.
import type { CliContext } from './context.js';

export interface Progress {
  bytes(n: number): void;
  update(events: number): void;
  done(): void;
}

const SILENT: Progress = { bytes: () => {}, update: () => {}, done: () => {} };

export function createProgress(
  ctx: CliContext,
  label: string,
  totalBytes: number | null,
): Progress {
  if (!ctx.world.stderr.isTTY || ctx.world.env.CI) return SILENT;
  const started = Date.now();
  let read = 0;
  let events = 0;
  let last = 0;
  const draw = (final = false) => {
    const now = Date.now();
    if (!final && now - last < 100) return;
    last = now;
    const secs = Math.max((now - started) / 1000, 0.001);
    const mbs = (read / 1e6 / secs).toFixed(1);
    const pct = totalBytes ? ` ${Math.min(100, Math.floor((read / totalBytes) * 100))}%` : '';
    ctx.world.stderr.write(`\r\x1b[K${label}${pct}  ${events} events  ${mbs} MB/s`);
    if (final) ctx.world.stderr.write('\n');
  };
  return {
    bytes: (n) => {
      read += n;
      draw();
    },
    update: (n) => {
      events = n;
      draw();
    },
    done: () => draw(true),
  };
}
