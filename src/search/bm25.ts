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

export interface QueryPhrase {
  /** Stems of the phrase's words, in order (one for a plain word). */
  stems: string[];
  /** Folded last word, when the phrase ends in a prefix (`deploy*`). */
  prefix: string | null;
  /** Documents (estimated) holding the phrase. */
  df: number;
  /** Each stem less its last letter: what a word must start with to have that stem. */
  starts: string[];
}

export function phraseOf(text: string, prefix: boolean, df: number): QueryPhrase {
  const t = indexTerm({ text, prefix });
  const words = t.text.match(WORD) ?? [];
  const stems = words.map(stem);
  return {
    stems,
    prefix: t.prefix && words.length ? fold(words[words.length - 1]!) : null,
    df,
    starts: stems.map((s) => (s.length > 1 ? s.slice(0, -1) : s)),
  };
}

/**
 * A field's tokens as far as scoring needs them: how many there are (the field's length), and,
 * sparsely, those that could match a query word — folded, with their positions. Porter only
 * rewrites endings, so a word can have a query word's stem only if it starts with that stem's
 * first two letters: a test on char codes that spares building, folding and stemming almost every
 * word, so tokenizing a candidate allocates next to nothing for the words that cannot match.
 */
export interface Tokens {
  /** Every token, matching or not. */
  length: number;
  /** Positions (ascending) of the tokens kept in `words`. */
  at: number[];
  /** The tokens that could match, folded. */
  words: string[];
}

/** The first two letters of the query's stems (and prefixes), as text and as a table of ASCII pairs. */
export interface Leads {
  text: Set<string>;
  /** 1 at `a * 128 + b` for an ASCII pair a, b that a lead starts with, in either case. */
  pairs: Uint8Array;
  /**
   * Whether a lead is a single letter (a one-letter stem or prefix): only then can a one-letter
   * word match, and only then is it kept.
   */
  single: boolean;
}

const LOWER = 1;
const DIGIT = 2;
const UPPER = 3;
/**
 * ASCII letters and digits by class (LOWER, DIGIT, UPPER), 0 for other ASCII; read past its end
 * (a non-ASCII code) it gives undefined, no class either. A table, not a function: see tokenize().
 */
const CLASSES = new Uint8Array(128);
for (let c = 97; c <= 122; c++) CLASSES[c] = LOWER;
for (let c = 48; c <= 57; c++) CLASSES[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLASSES[c] = UPPER;

/** A code and, for a letter, the code of the letter in the other case. */
const bothCases = (c: number) =>
  c >= 65 && c <= 90 ? [c, c + 32] : c >= 97 && c <= 122 ? [c, c - 32] : [c];

export function leadsOf(phrases: QueryPhrase[]): Leads {
  const text = new Set<string>();
  for (const p of phrases) {
    for (const s of p.stems) text.add(s.slice(0, 2));
    if (p.prefix) text.add(p.prefix.slice(0, 2));
  }
  const pairs = new Uint8Array(128 * 128);
  for (const l of text) {
    if (l.length === 2 && l.charCodeAt(0) < 128 && l.charCodeAt(1) < 128) {
      for (const a of bothCases(l.charCodeAt(0))) {
        for (const b of bothCases(l.charCodeAt(1))) pairs[a * 128 + b] = 1;
      }
    }
  }
  return { text, pairs, single: [...text].some((l) => l.length < 2) };
}

/**
 * Whether text[i, end) could match: it starts with a lead (compared case-blind), starts with a
 * non-ASCII letter, or is a single character and a lead is too.
 */
function keep(text: string, i: number, end: number, leads: Leads): boolean {
  if (end - i < 2) return leads.single || text.charCodeAt(i) > 127;
  const a = text.charCodeAt(i);
  if (a > 127) return true;
  const b = text.charCodeAt(i + 1);
  if (b > 127) return leads.text.has(text.slice(i, i + 2).toLowerCase());
  return leads.pairs[a * 128 + b] === 1;
}

/** An empty text's tokens, shared (frozen: callers only read them). */
const NO_TOKENS: Tokens = Object.freeze({
  length: 0,
  at: Object.freeze([]) as unknown as number[],
  words: Object.freeze([]) as unknown as string[],
});

/** Tokens of no word that could match, of a given length (NO_TOKENS' empty lists, shared). */
export const wordless = (length: number): Tokens => ({
  length,
  at: NO_TOKENS.at,
  words: NO_TOKENS.words,
});

/** A character outside ASCII: such a text is tokenized character by character. */
const NON_ASCII = /[^\p{ASCII}]/u;

/**
 * The kept words (the word, its parts) of each camelCase word met by matchWords(), per query:
 * an identifier repeats in the candidates, and tokenizing it anew each time was most of what
 * matchWords allocated.
 */
const CAMEL_WORDS = new WeakMap<Leads, Map<string, string[]>>();

function camelWords(word: string, leads: Leads): string[] {
  let known = CAMEL_WORDS.get(leads);
  if (known === undefined) {
    known = new Map();
    CAMEL_WORDS.set(leads, known);
  }
  let words = known.get(word);
  if (words === undefined) {
    words = tokenize(word, leads).words;
    if (known.size < 10_000) known.set(word, words);
  }
  return words;
}

/**
 * What a word must start with to count for each of the query's phrases (the stem less its last
 * letter, or the prefix), when matchWords() can look for them: every phrase one word, each of
 * them ASCII and at least three letters long (a shorter one occurs in too many words). Null
 * otherwise.
 */
export function wordStarts(phrases: QueryPhrase[]): string[] | null {
  const starts: string[] = [];
  for (const p of phrases) {
    if (p.stems.length !== 1) return null;
    const start = p.prefix ?? p.starts[0]!;
    if (start.length < 3 || NON_ASCII.test(start) || start !== start.toLowerCase()) return null;
    starts.push(start);
  }
  return starts;
}

/**
 * The words of a text that phraseCount() can count for one-word phrases, for a caller that knows
 * the text's length already (the index's own count of its tokens, see search-events.ts): those
 * of tokenize()'s words that start with one of `starts` (wordStarts()), in another order, with
 * `at` all zeros (phraseCount() of a one-word phrase does not compare positions) and `length`
 * as given. In an ASCII text they are found by toLowerCase() and indexOf(), which run as native
 * code from the first call, instead of by a loop over every character, which a short process runs
 * before V8 optimises it: only the words holding a start are looked at, and a camelCase one among
 * them is tokenized as tokenize() does, for its parts. Any other text goes through tokenize().
 */
/**
 * A test of whether a text may hold a word beginning with one of `starts` (wordStarts: plain
 * lower-case ASCII): false only when it surely holds none — no start occurs in it in any case,
 * and it has no character a fold could turn into one.
 */
export function mayHoldStarts(starts: string[]): (text: string) => boolean {
  const any = new RegExp(
    starts.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'i',
  );
  return (text) => NON_ASCII.test(text) || any.test(text);
}

export function matchWords(text: string, leads: Leads, starts: string[], length: number): Tokens {
  if (text === '' || NON_ASCII.test(text)) {
    const t = tokenize(text, leads);
    return { length, at: t.at, words: t.words };
  }
  const lower = text.toLowerCase();
  const n = text.length;
  let words: string[] | null = null;
  // Where the words already looked at start, when several starts could meet one word; an array,
  // not a set, and no sort (a cold process pays for both in allocations): a text holds a few.
  let seen: number[] | null = null;
  for (let s = 0; s < starts.length; s++) {
    const start = starts[s]!;
    for (let i = lower.indexOf(start); i !== -1; i = lower.indexOf(start, i)) {
      let from = i;
      while (from > 0 && CLASSES[lower.charCodeAt(from - 1)] !== 0) from--;
      let end = i + 1;
      let camel = false;
      for (; end < n; end++) {
        const kind = CLASSES[text.charCodeAt(end)];
        if (kind === 0) break;
        if (kind === UPPER) {
          const prev = CLASSES[text.charCodeAt(end - 1)];
          if (prev === LOWER || prev === DIGIT) camel = true;
        }
      }
      for (let k = from + 1; !camel && k <= i; k++) {
        camel =
          CLASSES[text.charCodeAt(k)] === UPPER &&
          (CLASSES[text.charCodeAt(k - 1)] === LOWER || CLASSES[text.charCodeAt(k - 1)] === DIGIT);
      }
      i = end;
      if (starts.length > 1) {
        if (seen !== null && seen.includes(from)) continue;
        (seen ??= []).push(from);
      }
      if (camel) {
        const kept = camelWords(text.slice(from, end), leads);
        for (let k = 0; k < kept.length; k++) (words ??= []).push(kept[k]!);
      } else if (end - from >= 2) {
        (words ??= []).push(lower.slice(from, end));
      }
    }
  }
  if (words === null) return wordless(length);
  return { length, at: new Array<number>(words.length).fill(0), words };
}

/**
 * Splits words where unicode61 splits them, and appends, as ftsBody appends them to the index,
 * each camelCase word's parts and each CJK run's bigrams after the words, in order.
 */
export function tokenize(text: string, leads: Leads): Tokens {
  // Most events have no tool name or no file: one shared answer, not three objects each.
  if (text === '') return NO_TOKENS;
  const at: number[] = [];
  const words: string[] = [];
  // Parts (camelCase, CJK bigrams) come after every word: kept here, shifted at the end.
  let partAt: number[] | null = null;
  let partWords: string[] | null = null;
  let parts = 0;
  let count = 0;
  const n = text.length;
  const pairs = leads.pairs;
  // The character classes are written out, not called: in a short-lived process this loop runs
  // before V8 optimises it, and unoptimised code pays for every call (a call per character made
  // tokenizing several times slower than the scan itself).
  for (let i = 0; i < n;) {
    const first = text.charCodeAt(i);
    if (!(
      (first >= 97 && first <= 122) ||
      (first >= 48 && first <= 57) ||
      (first >= 65 && first <= 90) ||
      first > 127
    )) {
      i++;
      continue;
    }
    let end = i + 1;
    let camel = false;
    let upper = first >= 65 && first <= 90;
    let ascii = first < 128;
    let prev = first;
    while (end < n) {
      const c = text.charCodeAt(end);
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        // a lower-case letter or a digit
      } else if (c >= 65 && c <= 90) {
        upper = true;
        if ((prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57)) camel = true;
      } else if (c > 127) {
        ascii = false;
      } else {
        break;
      }
      prev = c;
      end++;
    }
    let cjk = false;
    for (let k = i; !ascii && !cjk && k < end; k++) {
      const c = text.charCodeAt(k);
      cjk = c >= 0x1100 && isCjkCode(c);
    }
    // keep(), written out with the leads' table: a call per word costs unoptimised code more
    // than the test itself.
    const second = end - i < 2 ? -1 : text.charCodeAt(i + 1);
    if (
      first > 127 ||
      (second === -1
        ? leads.single
        : second > 127
          ? leads.text.has(text.slice(i, i + 2).toLowerCase())
          : pairs[first * 128 + second] === 1)
    ) {
      const word = text.slice(i, end);
      at.push(count);
      words.push(ascii ? (upper ? word.toLowerCase() : word) : fold(word));
    }
    count++;
    if (cjk) {
      for (const b of cjkBigrams(text.slice(i, end))) {
        (partAt ??= []).push(parts++);
        (partWords ??= []).push(b);
      }
    }
    if (camel) {
      // The parts /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g would match in the word, without a regex.
      for (let p = i; p < end;) {
        const kind = CLASSES[text.charCodeAt(p)];
        let q = p + 1;
        if (kind === UPPER) {
          while (q < end && CLASSES[text.charCodeAt(q)] === UPPER) q++;
          if (q < end && CLASSES[text.charCodeAt(q)] === LOWER) {
            if (q - p >= 2) q -= 1;
            else while (q < end && CLASSES[text.charCodeAt(q)] === LOWER) q++;
          }
        } else if (kind === LOWER || kind === DIGIT) {
          while (q < end && CLASSES[text.charCodeAt(q)] === kind) q++;
        } else {
          p++;
          continue;
        }
        if (keep(text, p, q, leads)) {
          (partAt ??= []).push(parts);
          (partWords ??= []).push(text.slice(p, q).toLowerCase());
        }
        parts++;
        p = q;
      }
    }
    i = end;
  }
  if (partAt !== null && partWords !== null) {
    for (let k = 0; k < partAt.length; k++) {
      at.push(count + partAt[k]!);
      words.push(partWords[k]!);
    }
  }
  return { length: count + parts, at, words };
}

/**
 * How often a phrase occurs in a field's tokens. A word has a stem only if it starts with the
 * stem less its last letter (Porter only rewrites endings): that cheap test comes first.
 */
export function phraseCount(t: Tokens, p: QueryPhrase): number {
  const n = p.stems.length;
  if (n === 0) return 0;
  const { at, words } = t;
  if (words.length < n) return 0;
  const stems = p.stems;
  const leads = p.starts;
  const last = n - 1;
  let count = 0;
  for (let k = 0; k + n <= words.length; k++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      const word = words[k + j]!;
      ok =
        at[k + j] === at[k]! + j &&
        (j === last && p.prefix !== null
          ? word.startsWith(p.prefix)
          : word.startsWith(leads[j]!) && stem(word) === stems[j]);
    }
    if (ok) count += 1;
  }
  return count;
}

export function idf(df: number, total: number): number {
  return Math.log(1 + (total - df + 0.5) / (df + 0.5));
}

/**
 * Each phrase's weighted, length-normalised frequency over the fields (BM25F's pseudo-tf), from
 * counts made earlier: `counts[f * phrases + p]` occurrences of phrase p in field f, whose token
 * count is `lengths[f]` — for candidates whose texts are gone by the time the mean lengths over
 * all of them (`avgLengths`) are known.
 */
export function pseudoFrequencies(
  counts: number[],
  lengths: number[],
  weights: number[],
  avgLengths: number[],
  phrases: number,
): number[] {
  // Sized up front: a list grown by push() starts with room for 17, all of it allocated.
  const tf = new Array<number>(phrases);
  for (let p = 0; p < phrases; p++) {
    let sum = 0;
    for (let f = 0; f < weights.length; f++) {
      const length = lengths[f]!;
      const count = counts[f * phrases + p]!;
      // A phrase absent from the field adds nothing: its normalisation is not computed (in a cold
      // process every floating-point result of unoptimised code is a heap allocation).
      if (weights[f] === 0 || length === 0 || count === 0) continue;
      const norm = 1 - B + (B * length) / Math.max(1, avgLengths[f]!);
      sum += (weights[f]! * count) / norm;
    }
    tf[p] = sum;
  }
  return tf;
}

/**
 * BM25 from pseudo-tfs (saturated, times each phrase's idf), and how many phrases occur at all.
 * Frequencies can be sums over several texts — a turn and its neighbours — and saturate together.
 */
export function scoreTf(tf: number[], idfs: number[]): { score: number; covered: number } {
  let score = 0;
  let covered = 0;
  for (let i = 0; i < idfs.length; i++) {
    const f = tf[i] ?? 0;
    if (f <= 0) continue;
    score += (idfs[i]! * f * (K1 + 1)) / (f + K1);
    covered += 1;
  }
  return { score, covered };
}
