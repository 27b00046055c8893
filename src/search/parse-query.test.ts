// Pins the query language: words, phrases, prefixes, exclusions, kind:/tool:/file: filters, and
// that anything else a person types — a sentence with quotes and apostrophes, stray operators —
// reads as words instead of failing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventMatch, recordMatch, wantedTerms } from './fts-match.js';
import { isEmptyQuery, parseQuery } from './parse-query.js';

describe('parseQuery', () => {
  it('reads words, phrases, prefixes and exclusions', () => {
    expect(parseQuery('deploy "staging server" migr* -flaky -"old run"').terms).toEqual([
      { text: 'deploy', phrase: false, prefix: false, negated: false },
      { text: 'staging server', phrase: true, prefix: false, negated: false },
      { text: 'migr', phrase: false, prefix: true, negated: false },
      { text: 'flaky', phrase: false, prefix: false, negated: true },
      { text: 'old run', phrase: true, prefix: false, negated: true },
    ]);
  });

  it('reads a quoted prefix and keeps identifiers and paths whole', () => {
    expect(parseQuery('"use sess"* src/store/sqlite.ts useSession').terms).toEqual([
      { text: 'use sess', phrase: true, prefix: true, negated: false },
      { text: 'src/store/sqlite.ts', phrase: false, prefix: false, negated: false },
      { text: 'useSession', phrase: false, prefix: false, negated: false },
    ]);
  });

  it('reads letters joined by hyphens as words, and keeps hyphenated paths whole', () => {
    expect(wantedTerms(parseQuery('transgender-specific events')).map((t) => t.text)).toEqual([
      'transgender',
      'specific',
      'events',
    ]);
    expect(parseQuery('config/deploy-prod.yml "pre-commit" -e-mail').terms).toEqual([
      { text: 'config/deploy-prod.yml', phrase: false, prefix: false, negated: false },
      { text: 'pre-commit', phrase: true, prefix: false, negated: false },
      { text: 'e-mail', phrase: false, prefix: false, negated: true },
    ]);
  });

  it('reads kind:, tool: and file: filters, negated and quoted', () => {
    const q = parseQuery('timeout KIND:Error tool:Bash -tool:Read file:"my dir/a.ts" -kind:note');
    expect(q.terms.map((t) => t.text)).toEqual(['timeout']);
    expect(q.filters).toEqual([
      { field: 'kind', value: 'error', negated: false },
      { field: 'tool', value: 'Bash', negated: false },
      { field: 'tool', value: 'Read', negated: true },
      { field: 'file', value: 'my dir/a.ts', negated: false },
      { field: 'kind', value: 'note', negated: true },
    ]);
  });

  it('takes other colons as text (URLs, times) and --flags as words', () => {
    const q = parseQuery('https://example.com/x 10:30 --force');
    expect(q.filters).toEqual([]);
    expect(q.terms.map((t) => [t.text, t.negated])).toEqual([
      ['https://example.com/x', false],
      ['10:30', false],
      ['--force', false],
    ]);
  });

  it('accepts a query of filters only, and record kinds', () => {
    expect(parseQuery('kind:decision').filters).toEqual([
      { field: 'kind', value: 'decision', negated: false },
    ]);
  });

  const words = (query: string) => parseQuery(query).terms.map((t) => t.text);

  it('reads a typed sentence as words: quotes inside it, apostrophes, question marks', () => {
    const q = parseQuery('What did Caroline take away from the book "Becoming Nicole"?');
    expect(q.terms.at(-1)).toEqual({
      text: 'Becoming Nicole',
      phrase: true,
      prefix: false,
      negated: false,
    });
    expect(words("What is Caroline's identity?")).toEqual(['What', 'is', 'Caroline', 'identity']);
    expect(words('a"b "a"b it\'s')).toEqual(['a"b', 'a"b', 'it']);
  });

  it('takes operators only where they are unambiguous, anything else as words', () => {
    expect(words('"deploy failed')).toEqual(['deploy', 'failed']);
    expect(words('file:***')).toEqual(['file:']);
    expect(words('de*ploy')).toEqual(['de*ploy']);
    expect(words('kind:banana')).toEqual(['kind:banana']);
    expect(words('-deploy')).toEqual(['deploy']);
    expect(words('-kind:error')).toEqual(['kind:error']);
    expect(parseQuery('-5 degrees').terms.map((t) => t.negated)).toEqual([true, false]);
  });

  it('has nothing to search for in empty, blank or punctuation-only queries', () => {
    for (const q of ['', '   ', '""', '*', '--- +++', '? ! .'])
      expect(isEmptyQuery(parseQuery(q))).toBe(true);
  });

  it('cuts an overlong query instead of refusing it', () => {
    expect(parseQuery('x '.repeat(5000)).terms).toHaveLength(64);
    expect(parseQuery('x'.repeat(2001)).terms[0]!.text).toHaveLength(2000);
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: 'grapheme' }), (query) => {
        const q = parseQuery(query);
        return q.terms.every((t) => /[\p{L}\p{N}]/u.test(t.text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('FTS5 expressions', () => {
  it('quotes every term so FTS5 syntax in the query stays text (OR is a stopword)', () => {
    const m = eventMatch(parseQuery('NEAR(a b) OR col:z ^start "x AND y"'));
    expect(m.strict).toBe('"NEAR(a" AND "b" AND "col:z" AND "^start" AND "x AND y"');
  });

  it('requires every word, then relaxes to any word, keeping filters and exclusions', () => {
    const m = eventMatch(parseQuery('why did the deploy fail -test tool:Bash file:ci.yml'));
    expect(m.strict).toBe(
      '("deploy" AND "fail" AND {tool} : "Bash" AND {files} : "ci.yml") NOT ("test")',
    );
    expect(m.relaxed).toBe(
      '(("deploy" OR "fail") AND {tool} : "Bash" AND {files} : "ci.yml") NOT ("test")',
    );
    expect(m.words).toBe(true);
  });

  it('drops stopwords only when something meaningful is left, never from phrases', () => {
    expect(wantedTerms(parseQuery('what is the deploy')).map((t) => t.text)).toEqual(['deploy']);
    expect(wantedTerms(parseQuery('what is the')).map((t) => t.text)).toEqual([
      'what',
      'is',
      'the',
    ]);
    expect(wantedTerms(parseQuery('"the end" why')).map((t) => t.text)).toEqual(['the end']);
  });

  it('turns prefix filters into FTS5 prefix queries and filter-only queries into no words', () => {
    const m = eventMatch(parseQuery('file:src/store* -tool:Read'));
    expect(m.strict).toBe('({files} : "src/store"*) NOT ({tool} : "Read")');
    expect(m.words).toBe(false);
    expect(recordMatch(parseQuery('file:src/store*')).strict).toBeNull();
  });
});
