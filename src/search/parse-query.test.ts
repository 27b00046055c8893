// Pins the query language: words, phrases, prefixes, exclusions, kind:/tool:/file: filters, and
// that every malformed query becomes a USAGE BatonError with a message, never anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatonError } from '../core/index.js';
import { eventMatch, recordMatch, wantedTerms } from './fts-match.js';
import { parseQuery } from './parse-query.js';

const usage = (query: string) => {
  try {
    parseQuery(query);
  } catch (error) {
    expect(error).toBeInstanceOf(BatonError);
    expect((error as BatonError).code).toBe('USAGE');
    return (error as BatonError).message;
  }
  throw new Error(`"${query}" parsed but should not`);
};

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

  it('refuses empty and malformed queries with a message that says why', () => {
    expect(usage('')).toMatch(/empty/);
    expect(usage('   ')).toMatch(/empty/);
    expect(usage('"deploy failed')).toMatch(/never closed/);
    expect(usage('""')).toMatch(/empty phrase/);
    expect(usage('de*ploy')).toMatch(/can only end/);
    expect(usage('*')).toMatch(/nothing to search/);
    expect(usage('kind:banana')).toMatch(/unknown kind "banana"; kinds are: user_message/);
    expect(usage('-deploy')).toMatch(/not excluded/);
    expect(usage('-kind:error')).toMatch(/not excluded/);
    expect(usage('--- +++')).toMatch(/nothing to search for/);
    expect(usage('file:***')).toMatch(/file: needs a value|no letters/);
    expect(usage('x'.repeat(2001))).toMatch(/too long/);
    expect(usage('a"b')).toMatch(/quote must start a word/);
    expect(usage('"a"b')).toMatch(/space after the closing quote/);
  });

  it('either parses or throws a USAGE BatonError for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (query) => {
        try {
          parseQuery(query);
        } catch (error) {
          return error instanceof BatonError && error.code === 'USAGE' && error.message.length > 0;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('FTS5 expressions', () => {
  it('quotes every term so FTS5 syntax in the query stays text (OR is a stopword)', () => {
    const m = eventMatch(parseQuery('NEAR(a b) OR col:z ^start "x AND y"'));
    expect(m.strict).toBe('"NEAR(a" AND "b)" AND "col:z" AND "^start" AND "x AND y"');
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
