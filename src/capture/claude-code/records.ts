// Tolerant readers over Claude Code's JSON records. The vendor says the format changes between
// releases (agent-formats.md §2), so nothing here assumes a field exists or has a type.
import type { JsonObject, JsonValue } from '../../core/index.js';

export type Rec = JsonObject;

export function isRec(v: unknown): v is Rec {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function str(r: Rec | undefined, key: string): string | undefined {
  const v = r?.[key];
  return typeof v === 'string' ? v : undefined;
}

export function rec(r: Rec | undefined, key: string): Rec | undefined {
  const v = r?.[key];
  return isRec(v) ? v : undefined;
}

export function list(r: Rec | undefined, key: string): JsonValue[] | undefined {
  const v = r?.[key];
  return Array.isArray(v) ? v : undefined;
}

export function bool(r: Rec | undefined, key: string): boolean {
  return r?.[key] === true;
}

/** Epoch ms of an ISO timestamp, or undefined when missing or unparseable. */
export function time(r: Rec | undefined, key = 'timestamp'): number | undefined {
  const s = str(r, key);
  if (s === undefined) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}

// Terminal colour codes that 1.0.x wrote into `system` rows ("Running \u001b[1mPostToolUse…").
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(s: string): string {
  return s.includes('\u001b') ? s.replace(ANSI, '') : s;
}
