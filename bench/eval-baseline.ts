// The plain baseline the search evaluation is measured beside: Okapi BM25 (k1 = 1.2, b = 0.75)
// over single turns, words lower-cased and split on anything that is not a letter or digit, no
// stemming, no stopwords, no context. It is what "a plain BM25 over turns" means in the issue,
// written here so that both figures come from the same run over the same text.

const K1 = 1.2;
const B = 0.75;
const WORD = /[\p{L}\p{N}]+/gu;

export interface BaselineDoc {
  ref: string;
  text: string;
}

export interface BaselineIndex {
  docs: { ref: string; tf: Map<string, number>; length: number }[];
  df: Map<string, number>;
  avgLength: number;
}

const words = (text: string) => (text.toLowerCase().match(WORD) ?? []) as string[];

export function baselineIndex(docs: BaselineDoc[]): BaselineIndex {
  const df = new Map<string, number>();
  const indexed = docs.map((d) => {
    const tf = new Map<string, number>();
    const list = words(d.text);
    for (const w of list) tf.set(w, (tf.get(w) ?? 0) + 1);
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    return { ref: d.ref, tf, length: list.length };
  });
  const avgLength = indexed.reduce((n, d) => n + d.length, 0) / Math.max(1, indexed.length);
  return { docs: indexed, df, avgLength };
}

/** The refs of the `limit` best turns for a query, best first (ties: earlier turn first). */
export function baselineSearch(index: BaselineIndex, query: string, limit: number): string[] {
  const n = index.docs.length;
  const terms = [...new Set(words(query))];
  const scored: { ref: string; score: number; i: number }[] = [];
  index.docs.forEach((d, i) => {
    let score = 0;
    for (const t of terms) {
      const f = d.tf.get(t);
      if (!f) continue;
      const df = index.df.get(t) ?? 0;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      score += (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / index.avgLength));
    }
    if (score > 0) scored.push({ ref: d.ref, score, i });
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.slice(0, limit).map((s) => s.ref);
}
