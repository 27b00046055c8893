// Snippets are built here, from the stored text, because events_fts is contentless and cannot
// produce them. Matching mirrors the index: words are split like unicode61 splits them (plus
// camelCase parts, as ftsBody indexes them) and compared by their Porter stems.
import { stemmer } from 'stemmer';
import { hasCjk } from './cjk-terms.js';

export interface SnippetTerm {
  text: string;
  prefix: boolean;
}

export interface Snippet {
  snippet: string;
  highlights: [number, number][];
}

const WORD = /[\p{L}\p{N}]+/gu;
const CAMEL_PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;

export function fold(word: string): string {
  const lower = word.toLowerCase();
  // Only non-ASCII words can carry diacritics; most words skip the Unicode normalisation.
  return /[^\p{ASCII}]/u.test(lower) ? lower.normalize('NFD').replace(/\p{M}/gu, '') : lower;
}

const STEMS = new Map<string, string>();
const MAX_STEMS = 100_000;

/**
 * Porter's stem, as the index's `porter` tokenizer computes it (`deploys`, `deployed` and
 * `deploying` all become `deploi`), so highlighting and scoring meet the words the index matched.
 * Words repeat (Zipf), and stemming is the costly part of scoring, so stems are remembered.
 */
export function stem(word: string): string {
  const folded = fold(word);
  let s = STEMS.get(folded);
  if (s === undefined) {
    s = stemmer(folded);
    if (STEMS.size >= MAX_STEMS) STEMS.clear();
    STEMS.set(folded, s);
  }
  return s;
}

interface Needle {
  stem: string;
  prefix: string | null;
  index: number;
}

function needles(terms: SnippetTerm[]): Needle[] {
  const out: Needle[] = [];
  terms.forEach((t, index) => {
    const words = (t.text.match(WORD) ?? []).filter((w) => !hasCjk(w));
    words.forEach((w, i) => {
      const isPrefix = t.prefix && i === words.length - 1;
      out.push({ stem: stem(w), prefix: isPrefix ? fold(w) : null, index });
    });
  });
  return out;
}

/** CJK words are not split from their neighbours by spaces: they are found as substrings. */
function cjkHits(line: string, terms: SnippetTerm[]): Hit[] {
  const hits: Hit[] = [];
  terms.forEach((t, term) => {
    for (const w of t.text.match(WORD) ?? []) {
      if (!hasCjk(w)) continue;
      for (let at = line.indexOf(w); at >= 0 && hits.length < 300; at = line.indexOf(w, at + 1))
        hits.push({ start: at, end: at + w.length, term });
    }
  });
  return hits;
}

/**
 * The needle a word matches, if any. A word has a needle's stem only if it starts with the stem
 * less its last letter (Porter only rewrites endings), and a prefix only if it starts with it:
 * that test comes first, so most words of a long line are folded once and never stemmed.
 */
function matcher(list: Needle[]): (word: string) => Needle | undefined {
  const leads = list.map((n) => n.prefix ?? n.stem.slice(0, -1));
  return (word) => {
    const folded = fold(word);
    let stemmed: string | undefined;
    for (let k = 0; k < list.length; k++) {
      const n = list[k]!;
      if (!folded.startsWith(leads[k]!)) continue;
      if (n.prefix !== null) return n;
      stemmed ??= stem(word);
      if (stemmed === n.stem || (n.stem.length >= 4 && folded.startsWith(n.stem))) return n;
    }
    return undefined;
  };
}

interface Hit {
  start: number;
  end: number;
  term: number;
}

/** Every matched word (or camelCase part of a word) in `line`. */
function findHits(line: string, list: Needle[]): Hit[] {
  const hits: Hit[] = [];
  const match = matcher(list);
  for (const m of line.matchAll(WORD)) {
    const word = m[0];
    const at = m.index;
    const whole = match(word);
    if (whole) {
      hits.push({ start: at, end: at + word.length, term: whole.index });
      continue;
    }
    for (const p of word.matchAll(CAMEL_PART)) {
      const part = match(p[0]);
      if (part)
        hits.push({ start: at + p.index, end: at + p.index + p[0].length, term: part.index });
    }
  }
  return hits;
}

/** The window start that covers the most distinct terms (then the most hits). */
function bestStart(all: Hit[], width: number): number {
  // A long tool output can repeat a word thousands of times; the first few hundred decide.
  const hits = all.slice(0, 300);
  let best = { start: hits[0]?.start ?? 0, distinct: 0, count: 0 };
  for (let i = 0; i < hits.length; i++) {
    const inWindow = hits.filter(
      (h) => h.start >= hits[i]!.start && h.end <= hits[i]!.start + width,
    );
    const distinct = new Set(inWindow.map((h) => h.term)).size;
    if (distinct > best.distinct || (distinct === best.distinct && inWindow.length > best.count)) {
      best = { start: hits[i]!.start, distinct, count: inWindow.length };
    }
  }
  return best.start;
}

/** One line of at most `width` characters around the best match, with the matches marked. */
export function buildSnippet(text: string, terms: SnippetTerm[], width = 160): Snippet {
  const line = text.replace(/\s+/g, ' ').trim();
  const hits = findHits(line, needles(terms));
  if (terms.some((t) => hasCjk(t.text))) {
    hits.push(...cjkHits(line, terms));
    hits.sort((a, b) => a.start - b.start);
  }
  if (line.length <= width) {
    return { snippet: line, highlights: hits.map((h) => [h.start, h.end]) };
  }
  const lead = Math.floor(width / 4);
  let from = Math.max(0, bestStart(hits, width - lead) - lead);
  const space = line.lastIndexOf(' ', from);
  if (from > 0 && space >= 0 && from - space < 15) from = space + 1;
  const to = Math.min(line.length, from + width);
  const head = from > 0 ? '…' : '';
  const body = line.slice(from, to);
  const shift = head.length - from;
  return {
    snippet: head + body + (to < line.length ? '…' : ''),
    highlights: hits
      .filter((h) => h.start >= from && h.end <= to)
      .map((h) => [h.start + shift, h.end + shift]),
  };
}
