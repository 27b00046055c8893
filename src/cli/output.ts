// Printing: JSON for scripts, aligned tables and short lines for people, colour only on a
// terminal that wants it (NO_COLOR is honoured).
import { ansi } from './ansi.js';
import type { World } from './world.js';

export interface Output {
  readonly color: boolean;
  line(text?: string): void;
  json(value: unknown): void;
  error(text: string): void;
  table(headers: string[], rows: (string | number | null)[][]): void;
  dim(text: string): string;
  bold(text: string): string;
  accent(text: string): string;
  warn(text: string): string;
  good(text: string): string;
}

export function createOutput(world: World): Output {
  const color = Boolean(world.stdout.isTTY) && !world.env.NO_COLOR && world.env.TERM !== 'dumb';
  const paint = (f: (s: string) => string) => (s: string) => (color ? f(s) : s);
  return {
    color,
    line: (text = '') => void world.stdout.write(text + '\n'),
    json: (value) => void world.stdout.write(JSON.stringify(value, null, 2) + '\n'),
    error: (text) => void world.stderr.write(text + '\n'),
    table(headers, rows) {
      const cells = rows.map((r) => r.map((c) => (c === null ? '-' : printable(String(c)))));
      const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
      const fmt = (r: string[]) =>
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
          .join('  ')
          .trimEnd();
      world.stdout.write((color ? ansi.bold(fmt(headers)) : fmt(headers)) + '\n');
      for (const r of cells) world.stdout.write(fmt(r) + '\n');
    },
    dim: paint(ansi.dim),
    bold: paint(ansi.bold),
    accent: paint(ansi.cyan),
    warn: paint(ansi.yellow),
    good: paint(ansi.green),
  };
}

/** `2026-11-23 17:40` in local time. */
export function formatTime(ms: number | null): string {
  if (ms === null) return '-';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// C0 and C1 control characters and DEL: a title or a path holding a terminal escape must not
// drive the user's terminal when printed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** `text` with each control character written as `\xNN`, so it prints inert. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** One line, at most `max` characters, control characters escaped. */
export function oneLine(text: string | null, max = 80): string {
  if (!text) return '';
  const flat = printable(text.replace(/\s+/g, ' ').trim());
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
