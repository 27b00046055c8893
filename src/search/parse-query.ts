// The query language, parsed purely and leniently: words, "exact phrases", prefix*, -exclusion,
// and kind:/tool:/file: filters (each negatable, values quotable). A query is often a sentence
// typed as a person types it — quotes inside it, apostrophes, question marks, a stray `*` or `-`
// — so nothing here fails: a character is an operator only where that reading is unambiguous,
// and is otherwise part of the words (which the index splits on anything not a letter or digit).
import { EVENT_KINDS } from '../core/index.js';
import { RECORD_KINDS } from './types.js';
import type { SearchKind } from './types.js';

export interface QueryTerm {
  text: string;
  phrase: boolean;
  prefix: boolean;
  negated: boolean;
}

export const FILTER_FIELDS = ['kind', 'tool', 'file'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export interface QueryFilter {
  field: FilterField;
  value: string;
  negated: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  filters: QueryFilter[];
}

export const SEARCH_KINDS: readonly SearchKind[] = [...EVENT_KINDS, ...RECORD_KINDS];
/** Longer queries are cut here: past this, more words no longer change what is found. */
const MAX_QUERY = 2000;
const MAX_PARTS = 64;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/;
/** A possessive or contraction ending (`Caroline's`, `Melanie’s`): the name is the word. */
// Non-ASCII characters as escapes: one in a bundle makes Node read the whole file as a two-byte
// string (twice the memory, and page faults, in every cold `baton search`).
const POSSESSIVE = /['\u2019]s$/i;
/** Words of letters joined by hyphens (`transgender-specific`), not a path or a flag. */
const HYPHENATED = /^\p{L}+(?:-\p{L}+)+$/u;

interface RawPart {
  /** The part as typed, for reading it as words when an operator reading fails. */
  raw: string;
  text: string;
  quoted: boolean;
  negated: boolean;
  field: string | null;
}

/** Always a ParsedQuery; one with no terms and no filters has nothing to search for. */
export function parseQuery(query: string): ParsedQuery {
  // Control characters (a NUL ends an FTS5 string early) separate words, like spaces.
  const typed = query.slice(0, MAX_QUERY).replace(/\p{Cc}/gu, ' ');
  const parts = splitParts(typed).slice(0, MAX_PARTS);
  const parsed: ParsedQuery = { terms: [], filters: [] };
  for (const part of parts) {
    const filter = part.field !== null ? toFilter(part) : null;
    if (filter) parsed.filters.push(filter);
    else if (part.field === null) parsed.terms.push(...toTerms(part));
    else
      parsed.terms.push(
        ...toTerms({ ...asWords(part, part.negated ? 1 : 0), negated: part.negated }),
      );
  }
  // Only exclusions: the dashes were not operators (`-5 degrees`), so the words are wanted.
  if (!parsed.terms.some((t) => !t.negated) && !parsed.filters.some((f) => !f.negated)) {
    const words = parts.filter((p) => p.negated).flatMap((p) => toTerms(asWords(p, 1)));
    return { terms: words, filters: [] };
  }
  return parsed;
}

/** Whether a parsed query has anything to look for. */
export function isEmptyQuery(parsed: ParsedQuery): boolean {
  return parsed.terms.length === 0 && parsed.filters.length === 0;
}

/** A part read as plain words: no field, no quotes, no exclusion (`skip` leading characters). */
function asWords(part: RawPart, skip = 0): RawPart {
  return { raw: part.raw, text: part.raw.slice(skip), quoted: false, negated: false, field: null };
}

/** Where a phrase opened at `open` closes: a quote followed by a space, the end, `*` or punctuation. */
function closingQuote(query: string, open: number): number {
  for (let close = query.indexOf('"', open + 1); close >= 0;) {
    const after = query[close + 1];
    if (after === undefined || !WORD_CHAR.test(after)) return close;
    close = query.indexOf('"', close + 1);
  }
  return -1;
}

/** Splits on whitespace outside phrases; `-` before a part negates it; `field:` prefixes a filter. */
function splitParts(query: string): RawPart[] {
  const parts: RawPart[] = [];
  let i = 0;
  while (i < query.length) {
    while (i < query.length && SPACE.test(query[i]!)) i++;
    if (i >= query.length) break;
    const start = i;
    // `-word` excludes; `--force` and a lone `-` are text someone is looking for.
    const negated = query[i] === '-' && /[\p{L}\p{N}"]/u.test(query[i + 1] ?? '');
    if (negated) i++;
    const fieldMatch = /^([A-Za-z]+):(?=\S)/.exec(query.slice(i));
    const name = fieldMatch?.[1]!.toLowerCase();
    const field = name && (FILTER_FIELDS as readonly string[]).includes(name) ? name : null;
    if (field) i += fieldMatch![0].length;
    const close = query[i] === '"' ? closingQuote(query, i) : -1;
    if (close > i + 1) {
      const star = query[close + 1] === '*';
      const text = query.slice(i + 1, close) + (star ? '*' : '');
      const end = close + 1 + (star ? 1 : 0);
      parts.push({ raw: query.slice(start, end), text, quoted: true, negated, field });
      i = end;
      continue;
    }
    while (i < query.length && !SPACE.test(query[i]!)) i++;
    const raw = query.slice(start, i);
    const skip = (negated ? 1 : 0) + (field ? field.length + 1 : 0);
    parts.push({ raw, text: raw.slice(skip), quoted: false, negated, field });
  }
  return parts;
}

/**
 * A part as search terms. `*` makes a prefix only at the end of a word; a quote or `*` anywhere
 * else is punctuation, which the index splits on. Pure punctuation (`?`, `--`) has no token to
 * look up, so it is dropped rather than matching nothing.
 */
function toTerms(part: RawPart): QueryTerm[] {
  let text = part.text.trim();
  if (!part.quoted) text = text.replace(/^["'\u201c\u2018(]+|["'\u201d\u2019)?!.,;:]+$/gu, '');
  const prefix = text.endsWith('*') && WORD_CHAR.test(text.slice(0, -1));
  text = text.replace(/\*+$/, '');
  if (!part.quoted) text = text.replace(POSSESSIVE, '');
  if (!WORD_CHAR.test(text)) return [];
  // `transgender-specific` typed in a sentence is two words, not a phrase: a turn about
  // transgender events that never says "specific" is still what was asked for.
  if (!part.quoted && !part.negated && HYPHENATED.test(text)) {
    const words = text.split('-').filter((w) => WORD_CHAR.test(w));
    return words.map((w, i) => ({
      text: w,
      phrase: false,
      prefix: prefix && i === words.length - 1,
      negated: false,
    }));
  }
  return [{ text, phrase: part.quoted, prefix, negated: part.negated }];
}

/** A filter, or null when the part does not read as one (then it is words). */
function toFilter(part: RawPart): QueryFilter | null {
  const field = part.field as FilterField;
  const value = part.text.trim();
  if (!WORD_CHAR.test(value)) return null;
  if (field === 'kind') {
    const kind = value.toLowerCase();
    return (SEARCH_KINDS as readonly string[]).includes(kind)
      ? { field, value: kind, negated: part.negated }
      : null;
  }
  if (value.slice(0, -1).includes('*')) return null;
  return { field, value, negated: part.negated };
}
