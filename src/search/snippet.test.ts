// Pins snippets: one line around the best match, cut at word boundaries with ellipses, with the
// offsets of every matched word (stems, prefixes and camelCase parts included).
import { describe, expect, it } from 'vitest';
import { buildSnippet, stem } from './snippet.js';

const marked = (s: { snippet: string; highlights: [number, number][] }) =>
  s.highlights.map(([a, b]) => s.snippet.slice(a, b));

describe('buildSnippet', () => {
  it('marks stemmed forms of the words asked for', () => {
    const s = buildSnippet('The staging deploy failed; deploying again fixed it.', [
      { text: 'deploys', prefix: false },
      { text: 'failing', prefix: false },
    ]);
    expect(s.snippet).toBe('The staging deploy failed; deploying again fixed it.');
    expect(marked(s)).toEqual(['deploy', 'failed', 'deploying']);
  });

  it('marks prefixes and the parts of camelCase identifiers', () => {
    const s = buildSnippet('renamed useSession to useSessionState in migrations/003.ts', [
      { text: 'session', prefix: false },
      { text: 'migr', prefix: true },
    ]);
    expect(marked(s)).toEqual(['Session', 'Session', 'migrations']);
  });

  it('cuts long text around the place with the most distinct matches', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(20);
    const text = `${filler} deploy alone here. ${filler} the deploy to staging failed at noon. ${filler}`;
    const s = buildSnippet(
      text,
      [
        { text: 'deploy', prefix: false },
        { text: 'staging', prefix: false },
      ],
      80,
    );
    expect(s.snippet.startsWith('…')).toBe(true);
    expect(s.snippet.endsWith('…')).toBe(true);
    expect(s.snippet.length).toBeLessThanOrEqual(82);
    expect(marked(s)).toEqual(['deploy', 'staging']);
  });

  it('flattens whitespace to one line and marks nothing when nothing matches', () => {
    expect(buildSnippet('a\n\n  b\tc', [{ text: 'zzz', prefix: false }])).toEqual({
      snippet: 'a b c',
      highlights: [],
    });
  });

  it('stems as the index does (Porter), diacritics folded', () => {
    expect(['deploys', 'deployed', 'deploying', 'deploy'].map(stem)).toEqual([
      'deploi',
      'deploi',
      'deploi',
      'deploi',
    ]);
    expect(stem('deployment')).toBe('deploy');
    expect(stem('Café')).toBe('cafe');
  });
});
