// Progress for long work, on stderr and only on a terminal: bytes read, events, MB/s.
import type { CliContext } from '../context.js';

export interface Progress {
  bytes(n: number): void;
  update(events: number): void;
  /** Replaces the label (e.g. `claude-code 12/340 files`). */
  label(text: string): void;
  done(): void;
}

const SILENT: Progress = { bytes: () => {}, update: () => {}, label: () => {}, done: () => {} };

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
  let shown = label;
  const draw = (final = false) => {
    const now = Date.now();
    if (!final && now - last < 100) return;
    last = now;
    const secs = Math.max((now - started) / 1000, 0.001);
    const mbs = (read / 1e6 / secs).toFixed(1);
    const pct = totalBytes ? ` ${Math.min(100, Math.floor((read / totalBytes) * 100))}%` : '';
    ctx.world.stderr.write(`\r\x1b[K${shown}${pct}  ${events} events  ${mbs} MB/s`);
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
    label: (text) => {
      shown = text;
      draw();
    },
    done: () => draw(true),
  };
}
