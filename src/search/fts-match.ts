// Turns a parsed query into FTS5 MATCH expressions. Every user term is emitted as a quoted FTS5
// string, so FTS5 operators and punctuation in what the user typed can never change the
// expression's structure: inside quotes the table's tokenizer splits `src/store/sqlite.ts` into the
// phrase `src store sqlite ts`, exactly as it split the indexed text.
import type { ParsedQuery, QueryFilter, QueryTerm } from './parse-query.js';
import { indexTerm } from './cjk-terms.js';
import { isStopword } from './stopwords.js';

/** The positive words of a query that ranking should look for, stopwords dropped if any remain. */
export function wantedTerms(parsed: ParsedQuery): QueryTerm[] {
  const positive = parsed.terms.filter((t) => !t.negated);
  const meaningful = positive.filter((t) => t.phrase || t.prefix || !isStopword(t.text));
  return meaningful.length ? meaningful : positive;
}

const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** One term as an FTS5 string (a phrase of its tokens), `*` when a prefix. */
export function termExpr(term: { text: string; prefix: boolean }): string {
  const t = indexTerm(term);
  return quote(t.text) + (t.prefix ? '*' : '');
}

const FILTER_COLUMN = { tool: 'tool', file: 'files' } as const;

function filterExpr(f: QueryFilter): string {
  const prefix = f.value.endsWith('*');
  const text = prefix ? f.value.slice(0, -1) : f.value;
  const column = FILTER_COLUMN[f.field as 'tool' | 'file'];
  return `{${column}} : ${termExpr({ text, prefix })}`;
}

export interface EventMatch {
  /** Every wanted word, every positive filter, no exclusion. */
  strict: string | null;
  /** Any one wanted word (with every filter and exclusion); null when relaxing changes nothing. */
  relaxed: string | null;
  /** What any exclusion matches, for queries with no positive words (`kind:error -timeout`). */
  excluded: string | null;
  /** Whether there are words to rank by; without them a query is filters, listed newest first. */
  words: boolean;
}

/** MATCH expressions over events_fts(body, tool, files); null strict means filters only by SQL. */
export function eventMatch(parsed: ParsedQuery): EventMatch {
  const terms = wantedTerms(parsed);
  const ftsFilters = parsed.filters.filter((f) => f.field !== 'kind');
  const required = ftsFilters.filter((f) => !f.negated).map(filterExpr);
  const excluded = [
    ...parsed.terms.filter((t) => t.negated).map(termExpr),
    ...ftsFilters.filter((f) => f.negated).map(filterExpr),
  ];
  const strictParts = [...terms.map(termExpr), ...required];
  const strict = strictParts.length ? withExclusions(strictParts.join(' AND '), excluded) : null;
  const relaxed =
    terms.length >= 2
      ? withExclusions(
          [`(${terms.map(termExpr).join(' OR ')})`, ...required].join(' AND '),
          excluded,
        )
      : null;
  return {
    strict,
    relaxed,
    excluded: excluded.length ? excluded.join(' OR ') : null,
    words: terms.length > 0,
  };
}

/** MATCH expressions over records_fts(body): words only, since records have no tool or files. */
export function recordMatch(parsed: ParsedQuery): EventMatch {
  const terms = wantedTerms(parsed);
  const excluded = parsed.terms.filter((t) => t.negated).map(termExpr);
  const excludedExpr = excluded.length ? excluded.join(' OR ') : null;
  if (terms.length === 0) {
    return { strict: null, relaxed: null, excluded: excludedExpr, words: false };
  }
  return {
    excluded: excludedExpr,
    words: true,
    strict: withExclusions(terms.map(termExpr).join(' AND '), excluded),
    relaxed:
      terms.length >= 2 ? withExclusions(`(${terms.map(termExpr).join(' OR ')})`, excluded) : null,
  };
}

function withExclusions(positive: string, excluded: string[]): string {
  return excluded.length ? `(${positive}) NOT (${excluded.join(' OR ')})` : positive;
}
