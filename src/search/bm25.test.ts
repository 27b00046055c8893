// Pins the scoring: tokens split and stemmed as the index does them (camelCase parts appended),
// phrases counted in order, prefixes matched, and BM25F rewarding frequency, rarity, shortness
// and the heavier field.
import { describe, expect, it } from 'vitest';
import {
  mayHoldStarts,
  idf,
  leadsOf,
  matchWords,
  phraseCount,
  phraseOf,
  pseudoFrequencies,
  scoreTf,
  tokenize,
  wordStarts,
} from './bm25.js';

const count = (text: string, query: string, prefix = false) => {
  const p = phraseOf(query, prefix, 1);
  return phraseCount(tokenize(text, leadsOf([p])), p);
};

describe('phraseCount', () => {
  it('matches Porter stems, camelCase parts and whole identifiers', () => {
    expect(count('deploy deployed deploying redeploy', 'deploys')).toBe(3);
    expect(count('call useSession then UseSessionHook', 'session')).toBe(2);
    expect(count('call useSession then UseSessionHook', 'useSession')).toBe(1);
  });

  it('counts phrases in order only, paths included', () => {
    expect(count('edit src/store/sqlite.ts and src/store/other.ts', 'src/store/sqlite.ts')).toBe(1);
    expect(count('store src, not src store', 'src store')).toBe(1);
  });

  it('matches a prefix on the last word', () => {
    expect(count('migrate migrations emigrate', 'migr', true)).toBe(2);
    expect(count('run the migrations now', 'run the migr', true)).toBe(1);
  });

  it('keeps every token in the length, matching or not', () => {
    const p = phraseOf('zebra', false, 1);
    expect(tokenize('one two, three-four fiveSix', leadsOf([p])).length).toBe(7);
  });
});

describe('tokenize', () => {
  const dense = (text: string, words: string[]) => {
    const t = tokenize(text, leadsOf(words.map((w) => phraseOf(w, false, 1))));
    const all: (string | null)[] = new Array<string | null>(t.length).fill(null);
    t.at.forEach((p, k) => (all[p] = t.words[k]!));
    return all;
  };

  it('appends camelCase parts after the words, split as the index splits them', () => {
    expect(
      dense('HTMLParser getHTTPResponse2Code x9Y', ['html', 'parser', 'get', 'response', 'x9']),
    ).toEqual([
      'htmlparser',
      'gethttpresponse2code',
      'x9y',
      // HTMLParser has no lower case before an upper: one word, no parts
      'get',
      'http',
      'response',
      null, // "2": one letter, and no query word is
      null, // "code": no query word starts with "co"
      null, // one-letter parts: no query word is one letter
      null,
      null,
    ]);
  });

  it('keeps only words a query word could match, folded, and counts the rest', () => {
    expect(dense('zebra Deploy, Ébauche a', ['deploy'])).toEqual([null, 'deploy', 'ebauche', null]);
    expect(dense('版本号 ok', ['ok'])).toEqual(['版本号', 'ok', '版本', '本号']);
  });

  it('keeps one-letter words and parts only when a query word is one letter', () => {
    expect(dense('a b é x9Y', ['deploy'])).toEqual([null, null, 'e', null, null, null, null]);
    expect(dense('a b é x9Y', ['deploy', 'b'])).toEqual(['a', 'b', 'e', null, 'x', '9', 'y']);
    expect(count('plan B, then b and bb', 'b')).toBe(2);
    expect(count('x y x', 'x', true)).toBe(2);
    expect(count('a b', 'a b')).toBe(1);
  });

  it('gives an empty text no tokens', () => {
    const t = tokenize('', leadsOf([phraseOf('deploy', false, 1)]));
    expect([t.length, t.at, t.words]).toEqual([0, [], []]);
  });
});

describe('matchWords', () => {
  const texts = [
    'deploy deployed deploying redeploy Deploys DEPLOYING',
    'call useSession then UseSessionHook; sessions session-store session_id mySession2',
    'HTTPServer2Go httpServer XMLHttpRequest request requests requester re-request',
    'retryWithBackoff(retry) retries retrying backoff RetryWithBackoffPolicy',
    'the checkout payment is failing: checkoutPayment failed, payments fail, failure',
    'migrate migrations emigrate MIGRATED migr',
    'updatedFields fields FieldsOf myPaymentFields payment-fields',
    'café deploys naïve session — ünïcode falls back to tokenize()',
    '',
    '--- ... ---',
  ];
  const queries = [
    ['deploys'],
    ['session'],
    ['useSession', 'hook'],
    ['request', 'server'],
    ['retryWithBackoff'],
    ['checkout', 'payment', 'failing'],
    ['migr*'],
    ['payment'],
    ['fields'],
    ['fields', 'payment'],
  ];

  it('counts what tokenize() counts for one-word phrases, with the length it is given', () => {
    let compared = 0;
    for (const words of queries) {
      const phrases = words.map((w) =>
        w.endsWith('*') ? phraseOf(w.slice(0, -1), true, 1) : phraseOf(w, false, 1),
      );
      const leads = leadsOf(phrases);
      const starts = wordStarts(phrases);
      expect(starts).not.toBeNull();
      for (const text of texts) {
        const all = tokenize(text, leads);
        const found = matchWords(text, leads, starts!, 1234);
        expect(found.length).toBe(1234);
        for (const p of phrases) {
          expect(phraseCount(found, p), `${words.join(' ')} in ${text}`).toBe(phraseCount(all, p));
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(50);
    const p = phraseOf('session', false, 1);
    expect(phraseCount(matchWords(texts[1]!, leadsOf([p]), ['sessio'], 9), p)).toBe(6);
  });

  it('is not used for a phrase of several words, a short word or a non-ASCII one', () => {
    expect(wordStarts([phraseOf('checkout payment', false, 1)])).toBeNull();
    expect(wordStarts([phraseOf('go', false, 1)])).toBeNull();
    expect(wordStarts([phraseOf('版本', false, 1)])).toBeNull();
    expect(wordStarts([phraseOf('deploys', false, 1), phraseOf('migr', true, 1)])).toEqual([
      'deplo',
      'migr',
    ]);
  });
});

describe('BM25F from counted fields', () => {
  const score = (text: string, query: string, df = 10, total = 1000, weight = 1) => {
    const p = phraseOf(query, false, df);
    const tokens = tokenize(text, leadsOf([p]));
    const tf = pseudoFrequencies([phraseCount(tokens, p)], [tokens.length], [weight], [8], 1);
    return scoreTf(tf, [idf(p.df, total)]).score;
  };

  it('rewards frequency, rarity, shortness and the heavier field', () => {
    expect(score('deploy deploy failed again today ok', 'deploy')).toBeGreaterThan(
      score('deploy failed again today ok fine', 'deploy'),
    );
    expect(score('deploy failed', 'deploy', 5)).toBeGreaterThan(
      score('deploy failed', 'deploy', 500),
    );
    expect(score('deploy failed', 'deploy')).toBeGreaterThan(
      score('deploy failed because of many many other reasons here', 'deploy'),
    );
    expect(score('deploy failed', 'deploy', 10, 1000, 2)).toBeGreaterThan(
      score('deploy failed', 'deploy'),
    );
    expect(score('nothing here', 'deploy')).toBe(0);
  });

  it('never gives a negative idf, even for a word in every document', () => {
    expect(idf(1000, 1000)).toBeGreaterThan(0);
  });
});

describe('mayHoldStarts', () => {
  const may = mayHoldStarts(['ecr', 'deplo']);
  it('says no only for a text that holds no start in any case', () => {
    expect(may('{"file_path":"src/main.ts"}')).toBe(false);
    expect(may('{"file_path":"src/ECRAN.ts"}')).toBe(true);
    expect(may('{"command":"npm run Deploy"}')).toBe(true);
  });

  it('says maybe for any text a fold could change', () => {
    // Écran folds to ecran: the start is in the word, not in the text.
    expect(may('{"file_path":"src/Écran.ts"}')).toBe(true);
  });
});
