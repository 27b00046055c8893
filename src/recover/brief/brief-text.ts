// Small, deterministic text pieces for briefs. Times are UTC with a relative age, so the same data
// gives the same brief on every machine and a model still knows how long ago things happened.
import { collapse } from '../load/action-events.js';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Orders names by code unit. Not localeCompare: its order follows the machine's locale (the same
 * data would brief differently elsewhere), and its first call loads ICU's collator, ~5 ms of
 * every `baton resume` and SessionStart hook on Node 20.
 */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `2026-03-04 10:42 UTC` */
export function clock(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** `10:42` — the time of day, for lists within one brief. */
export function hhmm(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `3h ago`, `2d ago`, `just now`. */
export function ago(ms: number, now: number): string {
  const s = Math.round((now - ms) / 1000);
  if (s < 0) return 'in the future';
  if (s < 60) return 'just now';
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ago`;
  return `${Math.floor(h / 24)}d ago`;
}

/** `2026-03-04 10:42 UTC (3h ago)` */
export function when(ms: number, now: number): string {
  return `${clock(ms)} (${ago(ms, now)})`;
}

/** A duration in words: `45 min`, `3h`, `2d`. */
export function span(ms: number): string {
  const m = Math.round(ms / 60_000);
  if (m < 60) return `${m} min`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h}h` : `${Math.round(h / 24)}d`;
}

/** An inline code span that survives backticks inside the text. */
export function code(text: string): string {
  const t = collapse(text, 200);
  if (!t.includes('`')) return `\`${t}\``;
  return `\`\` ${t} \`\``;
}

/** Free text from a session (prompts, messages, tool output), on one line, cut to `max`. */
export function quote(text: string, max: number): string {
  return `"${collapse(text, max).replace(/"/g, "'")}"`;
}

export const short = (sha: string | null) => (sha ? sha.slice(0, 7) : 'unknown');

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Joins a list, saying how many more there were: `a, b, c and 4 more`. */
export function listWithMore(items: string[], total: number): string {
  const extra = total - items.length;
  return extra > 0 ? `${items.join(', ')} and ${extra} more` : items.join(', ');
}

/** `10:42` on the day of `now`, `03-02 10:42` on another day (UTC): short times for lists. */
export function stamp(ms: number, now: number): string {
  const a = new Date(ms);
  const b = new Date(now);
  const sameDay =
    a.getUTCFullYear() === b.getUTCFullYear() &&
    a.getUTCMonth() === b.getUTCMonth() &&
    a.getUTCDate() === b.getUTCDate();
  return sameDay ? hhmm(ms) : `${pad(a.getUTCMonth() + 1)}-${pad(a.getUTCDate())} ${hhmm(ms)}`;
}

export const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();

/** Free text as a sentence: one line, cut to `max`, ending in a full stop. */
export function sentence(text: string, max: number): string {
  const c = collapse(text, max);
  // The ellipsis as an escape: see POSSESSIVE in src/search/parse-query.ts.
  return /[.!?\u2026:]$/.test(c) ? c : `${c}.`;
}

/** Text for a heading: one line, short, no markdown that would end the heading early. */
export function collapseTitle(text: string, max = 80): string {
  return collapse(text, max).replace(/#/g, '');
}
