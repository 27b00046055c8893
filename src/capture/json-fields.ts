// Tolerant readers over agents' JSON records. Every vendor says its transcript format changes
// between releases (docs/agents.md), so nothing here assumes a field exists or has a type.
import type { JsonObject, JsonValue } from '../core/index.js';

export type Rec = JsonObject;

export function isRec(v: unknown): v is Rec {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function str(r: Rec | undefined, key: string): string | undefined {
  const v = r?.[key];
  return typeof v === 'string' ? v : undefined;
}

export function num(r: Rec | undefined, key: string): number | undefined {
  const v = r?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(r: Rec | undefined, key: string): boolean {
  return r?.[key] === true;
}

export function rec(r: Rec | undefined, key: string): Rec | undefined {
  const v = r?.[key];
  return isRec(v) ? v : undefined;
}

export function list(r: Rec | undefined, key: string): JsonValue[] | undefined {
  const v = r?.[key];
  return Array.isArray(v) ? v : undefined;
}

/** Epoch ms of an ISO timestamp field, or undefined when missing or unparseable. */
export function time(r: Rec | undefined, key = 'timestamp'): number | undefined {
  const s = str(r, key);
  if (s === undefined) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}

/** Parses a JSON text into a record, or undefined (agents put JSON inside strings). */
export function parseRec(text: string): Rec | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isRec(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The first line of a text, cut to `max` characters — for titles and one-line summaries. */
export function firstLine(text: string, max = 120): string {
  const line = text.trim().split('\n', 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
