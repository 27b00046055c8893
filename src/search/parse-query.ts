// The query language, parsed purely: words, "exact phrases", prefix*, -exclusion, and
// kind:/tool:/file: filters (each negatable, values quotable). Anything a user can type either
// parses or fails with a USAGE error that says what to fix — it never reaches SQLite malformed.
import { BatonError, EVENT_KINDS } from '../core/index.js';
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
const MAX_QUERY = 2000;
const MAX_PARTS = 64;
const WORD_CHAR = /[\p{L}\p{N}]/u;

interface RawPart {
  text: string;
  quoted: boolean;
  negated: boolean;
  field: string | null;
}

export function parseQuery(query: string): ParsedQuery {
  if (query.length > MAX_QUERY) {
    throw usage(`the query is too long (${query.length} characters, at most ${MAX_QUERY})`);
  }
  const parts = splitParts(query);
  if (parts.length === 0) throw usage('the query is empty');
  if (parts.length > MAX_PARTS) throw usage(`the query has more than ${MAX_PARTS} parts`);
  const parsed: ParsedQuery = { terms: [], filters: [] };
  for (const part of parts) {
    if (part.field !== null) parsed.filters.push(toFilter(part));
    else {
      const term = toTerm(part);
      if (term) parsed.terms.push(term);
    }
  }
  if (!parsed.terms.some((t) => !t.negated) && !parsed.filters.some((f) => !f.negated)) {
    throw usage(
      parsed.terms.length || parsed.filters.length
        ? 'a query needs at least one word or filter that is not excluded'
        : `nothing to search for in "${query.trim()}"`,
    );
  }
  return parsed;
}

function usage(message: string): BatonError {
  return new BatonError('USAGE', message, {
    hint: 'e.g. baton search \'"deploy failed" staging -test kind:error tool:Bash file:deploy.sh deploy*\'',
  });
}

/** Splits on whitespace outside quotes; `-` before a part negates it; `field:` prefixes a filter. */
function splitParts(query: string): RawPart[] {
  const parts: RawPart[] = [];
  let i = 0;
  while (i < query.length) {
    while (i < query.length && /\s/.test(query[i]!)) i++;
    if (i >= query.length) break;
    const start = i;
    let negated = false;
    // `-word` excludes; `--force` is a flag someone is looking for, not an exclusion.
    if (query[i] === '-' && i + 1 < query.length && !/[\s-]/.test(query[i + 1]!)) {
      negated = true;
      i++;
    }
    let field: string | null = null;
    const fieldMatch = /^([A-Za-z]+):(?=\S)/.exec(query.slice(i));
    if (fieldMatch && (FILTER_FIELDS as readonly string[]).includes(fieldMatch[1]!.toLowerCase())) {
      field = fieldMatch[1]!.toLowerCase();
      i += fieldMatch[0].length;
    }
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      if (close < 0) throw usage(`the quote opened at character ${i + 1} is never closed`);
      const after = query[close + 1];
      const star = after === '*';
      parts.push({
        text: query.slice(i + 1, close) + (star ? '*' : ''),
        quoted: true,
        negated,
        field,
      });
      i = close + 1 + (star ? 1 : 0);
      if (i < query.length && !/\s/.test(query[i]!)) {
        throw usage(`put a space after the closing quote at character ${close + 1}`);
      }
      continue;
    }
    while (i < query.length && !/\s/.test(query[i]!) && query[i] !== '"') i++;
    if (query[i] === '"') throw usage(`a quote must start a word (character ${i + 1})`);
    const text = query.slice(start, i).slice((negated ? 1 : 0) + (field ? field.length + 1 : 0));
    parts.push({ text, quoted: false, negated, field });
  }
  return parts;
}

function toTerm(part: RawPart): QueryTerm | null {
  let text = part.text;
  const prefix = text.endsWith('*');
  if (prefix) text = text.slice(0, -1);
  if (text.includes('*')) throw usage(`"${part.text}": a * can only end a word, as in deploy*`);
  if (text.trim() === '') {
    if (part.quoted) throw usage('an empty phrase "" cannot be searched for');
    throw usage(`"${part.text}" has nothing to search for`);
  }
  // Pure punctuation ("--", "+") has no token to look up; dropping it beats matching nothing.
  if (!WORD_CHAR.test(text)) return null;
  return { text, phrase: part.quoted, prefix, negated: part.negated };
}

function toFilter(part: RawPart): QueryFilter {
  const field = part.field as FilterField;
  const value = part.text.trim();
  if (value === '' || value === '*')
    throw usage(`${field}: needs a value, as in ${field}:${example(field)}`);
  if (field === 'kind') {
    const kind = value.toLowerCase();
    if (!(SEARCH_KINDS as readonly string[]).includes(kind)) {
      throw usage(`unknown kind "${value}"; kinds are: ${SEARCH_KINDS.join(', ')}`);
    }
    return { field, value: kind, negated: part.negated };
  }
  if (!WORD_CHAR.test(value)) throw usage(`${field}:${value} has no letters or digits to look up`);
  if (value.slice(0, -1).includes('*'))
    throw usage(`${field}:${value}: a * can only end the value`);
  return { field, value, negated: part.negated };
}

function example(field: FilterField): string {
  return field === 'kind' ? 'error' : field === 'tool' ? 'Bash' : 'src/store/sqlite.ts';
}
