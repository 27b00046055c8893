// Finding and cutting a forgotten text wherever it may sit: plain columns, JSON columns (where it
// may appear escaped), deflated raw records and snapshots. Matching is case-insensitive over the
// whole of Unicode, so it runs in JS (SQLite's lower() folds ASCII only), registered as SQL
// functions on the connection.
import { inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { unpackText } from '../text-codec.js';

export const FORGOTTEN = '[forgotten]';

/** The forms a needle takes in stored text: as typed, and JSON-escaped. */
function forms(needle: string): string[] {
  const lower = needle.toLowerCase();
  const escaped = JSON.stringify(lower).slice(1, -1);
  return escaped === lower ? [lower] : [lower, escaped];
}

export function contains(text: string | null, needle: string): boolean {
  if (text === null || needle === '') return false;
  const hay = text.toLowerCase();
  return forms(needle).some((f) => hay.includes(f));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every occurrence, any case, with a marker. */
export function cut(text: string, needle: string): string {
  return text.replace(new RegExp(escapeRegExp(needle), 'giu'), FORGOTTEN);
}

/** Cuts the needle out of every string (and key) of a JSON text; plain text if it is not JSON. */
export function cutJson(text: string, needle: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return cut(text, needle);
  }
  return JSON.stringify(walk(value, needle));
}

function walk(value: unknown, needle: string): unknown {
  if (typeof value === 'string') return cut(value, needle);
  if (Array.isArray(value)) return value.map((v) => walk(v, needle));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        cut(k, needle),
        walk(v, needle),
      ]),
    );
  }
  return value;
}

/** `baton_has(text, needle)` and `baton_has_raw(deflated, needle)` for the forget queries. */
export function registerMatchers(db: Database.Database): void {
  db.function('baton_has', { deterministic: true }, (stored: unknown, needle: unknown) => {
    const text = unpackText(stored);
    return text !== null && contains(text, String(needle)) ? 1 : 0;
  });
  db.function('baton_has_raw', { deterministic: true }, (raw: unknown, needle: unknown) => {
    if (!Buffer.isBuffer(raw)) return 0;
    try {
      return contains(inflateRawSync(raw).toString('utf8'), String(needle)) ? 1 : 0;
    } catch {
      return 0;
    }
  });
}
