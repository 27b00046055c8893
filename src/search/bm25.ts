// BM25F, computed here rather than by FTS5's bm25(): that function counts every document holding
// each phrase of the query on every call (for its idf), which for a common word is a scan of a
// third of the journal. Here FTS5 only finds the candidates (the newest matches, see
// search-events.ts), document frequencies are estimated cheaply (estimateDf there), and the
// candidates are scored from their text: per-field term frequency normalised by field length
// (b = 0.75), weighted per field, saturated (k1 = 1.2), times idf. Tokens mirror the index: words
// split where unicode61 splits them, camelCase parts appended as ftsBody appends them, compared by
// Porter stem as the index's tokenizer compares them.
import { cjkBigrams, isCjkCode } from '../store/index.js';
import { indexTerm } from './cjk-terms.js';
import { fold, stem } from './snippet.js';

const K1 = 1.2;
const B = 0.75;
const WORD = /[\p{L}\p{N}]+/gu;
const CAMEL_PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;

export interface QueryPhrase {
  /** Stems of the phrase's words, in order (one for a plain word). */
  stems: string[];
  /** Folded last word, when the phrase ends in a prefix (`deploy*`). */
  prefix: string | null;
  /** Documents (estimated) holding the phrase. */
  df: number;
}

export function phraseOf(text: string, prefix: boolean, df: number): QueryPhrase {
  const t = indexTerm({ text, prefix });
  const words = t.text.match(WORD) ?? [];
  return {
    stems: words.map(stem),
    prefix: t.prefix && words.length ? fold(words[words.length - 1]!) : null,
    df,
  };
}

/**
 * A field's tokens as far as scoring needs them: every token counts for the length, but only
 * those that could match a query word are kept (folded); the rest are null. Porter only rewrites
 * endings, so a word can have a query word's stem only if it starts with that stem's first two
 * letters — a test on char codes that spares building and stemming almost every word.
 */
export interface Tokens {
  words: (string | null)[];
}

const isLowerOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const isUpper = (c: number) => c >= 65 && c <= 90;
const isWordCode = (c: number) => isLowerOrDigit(c) || isUpper(c) || c > 127;

export function leadsOf(phrases: QueryPhrase[]): Set<string> {
  const leads = new Set<string>();
  for (const p of phrases) {
    for (const s of p.stems) leads.add(s.slice(0, 2));
    if (p.prefix) leads.add(p.prefix.slice(0, 2));
  }
  return leads;
}

export function tokenize(text: string, leads: Set<string>): Tokens {
  const words: (string | null)[] = [];
  const parts: (string | null)[] = [];
  const n = text.length;
  for (let i = 0; i < n;) {
    if (!isWordCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    let camel = false;
    let cjk = text.charCodeAt(i) >= 0x1100 && isCjkCode(text.charCodeAt(i));
    while (end < n && isWordCode(text.charCodeAt(end))) {
      const c = text.charCodeAt(end);
      if (isUpper(c) && isLowerOrDigit(text.charCodeAt(end - 1))) camel = true;
      else if (c >= 0x1100 && !cjk) cjk = isCjkCode(c);
      end++;
    }
    words.push(keep(text.slice(i, end), leads) ? fold(text.slice(i, end)) : null);
    // As the index appends them: the bigrams of a CJK run, in order, so phrases of them match.
    if (cjk) for (const b of cjkBigrams(text.slice(i, end))) parts.push(b);
    if (camel) {
      for (const p of text.slice(i, end).match(CAMEL_PART) ?? [])
        parts.push(keep(p, leads) ? fold(p) : null);
    }
    i = end;
  }
  return { words: parts.length ? words.concat(parts) : words };
}

function keep(word: string, leads: Set<string>): boolean {
  return leads.has(word.slice(0, 2).toLowerCase()) || word.charCodeAt(0) > 127 || word.length < 2;
}

/** Whether a folded word has the stem `s` (Porter only rewrites endings: cheap test first). */
function hasStem(word: string, s: string): boolean {
  const lead = s.length > 1 ? s.slice(0, -1) : s;
  return word.startsWith(lead) && stem(word) === s;
}

/** How often a phrase occurs in a field's tokens. */
export function phraseCount(t: Tokens, p: QueryPhrase): number {
  const n = p.stems.length;
  if (n === 0) return 0;
  let count = 0;
  for (let i = 0; i + n <= t.words.length; i++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      const word = t.words[i + j];
      ok =
        word !== null &&
        word !== undefined &&
        (j === n - 1 && p.prefix !== null ? word.startsWith(p.prefix) : hasStem(word, p.stems[j]!));
    }
    if (ok) count += 1;
  }
  return count;
}

export interface Field {
  tokens: Tokens;
  weight: number;
  /** Mean token count of this field over the candidates. */
  avgLength: number;
}

export function idf(df: number, total: number): number {
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}

export function bm25f(fields: Field[], phrases: QueryPhrase[], total: number): number {
  return scoreTf(termFrequencies(fields, phrases), phrases, total).score;
}

/** Each phrase's weighted, length-normalised frequency over the fields (BM25F's pseudo-tf). */
export function termFrequencies(fields: Field[], phrases: QueryPhrase[]): number[] {
  return phrases.map((p) => {
    let tf = 0;
    for (const f of fields) {
      const length = f.tokens.words.length;
      if (f.weight === 0 || length === 0) continue;
      const norm = 1 - B + (B * length) / Math.max(1, f.avgLength);
      tf += (f.weight * phraseCount(f.tokens, p)) / norm;
    }
    return tf;
  });
}

/**
 * BM25 from pseudo-tfs (saturated, times idf), and how many phrases occur at all. Frequencies
 * can be sums over several texts — a turn and its neighbours — and saturate together.
 */
export function scoreTf(
  tf: number[],
  phrases: QueryPhrase[],
  total: number,
): { score: number; covered: number } {
  let score = 0;
  let covered = 0;
  phrases.forEach((p, i) => {
    const f = tf[i] ?? 0;
    if (f <= 0) return;
    score += (idf(p.df, total) * f * (K1 + 1)) / (f + K1);
    covered += 1;
  });
  return { score, covered };
}
