// A query's CJK words as the index holds them: Han, Kana and Hangul runs are indexed as
// character bigrams (see src/store/fts-text.ts), so a word of those scripts is looked up as the
// phrase of its bigrams (`版本号` → `版本 本号`), and a single character as a prefix of them.
import { cjkBigrams, isCjkCode } from '../store/index.js';

const WORD = /[\p{L}\p{N}]+/gu;

export function hasCjk(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x1100 && isCjkCode(c)) return true;
  }
  return false;
}

/** A term as the index can match it: unchanged unless it holds CJK. */
export function indexTerm(t: { text: string; prefix: boolean }): { text: string; prefix: boolean } {
  if (!hasCjk(t.text)) return t;
  const words = (t.text.match(WORD) ?? []).flatMap((w) => (hasCjk(w) ? cjkBigrams(w) : [w]));
  const last = words[words.length - 1] ?? '';
  // One character is the start of the bigrams it begins; other positions are not reachable.
  const single = last.length === 1 && isCjkCode(last.charCodeAt(0));
  return { text: words.join(' '), prefix: t.prefix || single };
}
