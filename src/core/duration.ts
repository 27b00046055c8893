// Human durations and times on the command line: `7d`, `90m`, `2026-01-31`, `3 days ago`.
import { BatonError } from './errors.js';

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** `7d` → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$/i.exec(text);
  if (!m) {
    throw new BatonError('USAGE', `cannot read the duration "${text}"`, {
      hint: 'use a number and a unit: 30s, 15m, 2h, 7d, 1w',
    });
  }
  return Math.round(Number(m[1]) * (UNIT_MS[m[2]!.toLowerCase()] ?? 0));
}

/** An absolute time (ISO date or date-time) or a duration ago (`7d` = seven days before now). */
export function parseTime(text: string, now: number): number {
  if (/^\s*\d+(?:\.\d+)?\s*[smhdw]\s*$/i.test(text)) return now - parseDuration(text);
  const t = Date.parse(text);
  if (Number.isNaN(t)) {
    throw new BatonError('USAGE', `cannot read the time "${text}"`, {
      hint: 'use an ISO date (2026-01-31, 2026-01-31T09:00) or a duration ago (7d, 12h)',
    });
  }
  return t;
}
