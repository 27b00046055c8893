// Pins what the index sees: camelCase parts appended, file paths lifted from event data.
import { describe, expect, it } from 'vitest';
import { cjkBigrams, eventFiles, ftsBody, ftsFiles, ftsMeta, ftsMetaToken } from './fts-text.js';

describe('ftsBody', () => {
  it('appends the parts of camelCase and PascalCase identifiers', () => {
    expect(ftsBody('call useSession and HTTPServer')).toBe(
      'call useSession and HTTPServer\nuse session http server',
    );
    expect(ftsBody('plain words only')).toBe('plain words only');
  });
});

describe('eventFiles', () => {
  it('finds paths under the keys agents use, nested and in lists', () => {
    const data = {
      file_path: 'src/a.ts',
      input: { notebook_path: 'n.ipynb', edits: [{ path: 'b/c.md' }] },
      files: ['x.ts', 'y.ts'],
      command: 'cat not/a/file/key.ts',
    };
    expect(eventFiles(data).sort()).toEqual(['b/c.md', 'n.ipynb', 'src/a.ts', 'x.ts', 'y.ts']);
    expect(eventFiles(null)).toEqual([]);
    expect(eventFiles({ filePath: 42 })).toEqual([]);
  });

  it('gives the files column their text with camelCase parts', () => {
    expect(ftsFiles({ filePath: 'src/useSession.ts' })).toBe('src/useSession.ts\nuse session');
    expect(ftsFiles({})).toBe('');
  });
});

describe('ftsMetaToken', () => {
  it('makes one token per fact that no tokenizer rule splits or stems', () => {
    const token = ftsMetaToken('agent', 'claude-code');
    expect(token).toMatch(/^a[0-9a-f]+0$/);
    expect(token).not.toBe(ftsMetaToken('agent', 'claude'));
    expect(
      ftsMeta({ kind: 'tool_call', sessionId: 'S1', agent: null, projectId: 'P' }).split(' '),
    ).toHaveLength(3);
  });
});

describe('CJK bigrams', () => {
  it('appends the bigrams of Han, Kana and Hangul runs, and leaves other text alone', () => {
    expect(ftsBody('这个版本有问题')).toBe('这个版本有问题\n这个 个版 版本 本有 有问 问题');
    expect(ftsBody('新しいバージョン、です')).toBe(
      '新しいバージョン、です\n新し しい いバ バー ージ ジョ ョン です',
    );
    expect(ftsBody('버전이 v2版')).toBe('버전이 v2版\n버전 전이 版');
    expect(ftsBody('useSession版本')).toBe('useSession版本\nuse session\n版本');
    expect(ftsBody('café naïve Ελληνικά')).toBe('café naïve Ελληνικά');
  });

  it('gives nothing for text without CJK', () => {
    expect(cjkBigrams('plain words, ünïcode')).toEqual([]);
    expect(cjkBigrams('a版b本c')).toEqual(['版', '本']);
  });
});
