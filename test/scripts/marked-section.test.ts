// The helper both generators (bench/run.ts for BENCHMARKS.md, scripts/soak.ts for RELIABILITY.md)
// rewrite their sections with.
import { describe, expect, it } from 'vitest';
import { replaceMarkedSection, sectionMarkers } from '../../scripts/marked-section.js';

const doc = [
  '# Title',
  '',
  'Hand-written text.',
  '',
  '<!-- soak:a -->',
  'old a',
  'still old a',
  '<!-- /soak:a -->',
  '<!-- soak:b -->',
  'old b',
  '<!-- /soak:b -->',
  '',
  'Trailing text.',
  '',
].join('\n');

describe('replaceMarkedSection', () => {
  it('replaces only the named section and keeps every other byte', () => {
    const out = replaceMarkedSection(doc, 'soak', 'a', 'new a');
    expect(out).toBe(doc.replace('old a\nstill old a', 'new a'));
  });

  it('leaves sections of another kind or name alone', () => {
    const out = replaceMarkedSection(doc, 'bench', 'a', 'bench a');
    expect(out.startsWith(doc.trimEnd())).toBe(true);
    expect(out).toContain('old a\nstill old a');
    expect(out.endsWith('\n\n<!-- bench:a -->\nbench a\n<!-- /bench:a -->\n')).toBe(true);
  });

  it('appends a section not there yet after one blank line', () => {
    const out = replaceMarkedSection('# T\n\ntext\n\n\n', 'bench', 'x (Node 24)', '| a |');
    expect(out).toBe(
      '# T\n\ntext\n\n<!-- bench:x (Node 24) -->\n| a |\n<!-- /bench:x (Node 24) -->\n',
    );
  });

  it('is idempotent: writing the same body twice gives the same file', () => {
    const once = replaceMarkedSection(doc, 'soak', 'b', 'line 1\nline 2');
    expect(replaceMarkedSection(once, 'soak', 'b', 'line 1\nline 2')).toBe(once);
  });

  it('does not take a name for a longer one that starts with it', () => {
    const two = '<!-- soak:ab -->\nab\n<!-- /soak:ab -->\n';
    const out = replaceMarkedSection(two, 'soak', 'a', 'A');
    expect(out).toBe(`${two}\n<!-- soak:a -->\nA\n<!-- /soak:a -->\n`);
  });

  it('takes the closing marker after the opening one, not a stray one before it', () => {
    const stray = '<!-- /soak:a -->\nx\n<!-- soak:a -->\nold\n<!-- /soak:a -->\ny\n';
    expect(replaceMarkedSection(stray, 'soak', 'a', 'new')).toBe(
      '<!-- /soak:a -->\nx\n<!-- soak:a -->\nnew\n<!-- /soak:a -->\ny\n',
    );
  });

  it('names its markers', () => {
    expect(sectionMarkers('bench', 'search')).toEqual({
      start: '<!-- bench:search -->',
      end: '<!-- /bench:search -->',
    });
  });
});
