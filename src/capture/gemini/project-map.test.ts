// Pins how a Gemini chat finds its project folder: the `.project_root` marker, the slug in
// projects.json, and for legacy sha256 ids, a folder Baton or the registry already knows.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectHashOf, resolveProjectRoot, rootFromChatText } from './project-map.js';

describe('resolveProjectRoot', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'baton-gemini-map-'));
    mkdirSync(join(home, 'tmp'), { recursive: true });
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('reads the .project_root marker of a slug folder', () => {
    mkdirSync(join(home, 'tmp', 'shop'));
    writeFileSync(join(home, 'tmp', 'shop', '.project_root'), '/work/shop\n');
    expect(resolveProjectRoot(join(home, 'tmp', 'shop'), [])).toBe('/work/shop');
  });

  it('finds a slug in projects.json, and a legacy hash among known folders', () => {
    writeFileSync(
      join(home, 'projects.json'),
      JSON.stringify({ projects: { '/work/api': 'api', '/work/web': 'web' } }),
    );
    expect(resolveProjectRoot(join(home, 'tmp', 'web'), [])).toBe('/work/web');
    expect(resolveProjectRoot(join(home, 'tmp', projectHashOf('/work/api')), [])).toBe('/work/api');
    expect(resolveProjectRoot(join(home, 'tmp', projectHashOf('/srv/known')), ['/srv/known'])).toBe(
      '/srv/known',
    );
    expect(
      resolveProjectRoot(join(home, 'tmp', projectHashOf('/nowhere')), ['/srv/known']),
    ).toBeNull();
  });
});

describe('rootFromChatText', () => {
  const dir = (root: string) => join('/home/me/.gemini/tmp', projectHashOf(root));

  it('finds the folder among the ancestors of the absolute paths the chat names', () => {
    const chat = JSON.stringify({
      messages: [
        { toolCalls: [{ name: 'list_directory', args: { dir_path: '/usr/lib' } }] },
        { toolCalls: [{ name: 'read_file', args: { absolute_path: '/srv/code/shop/src/a.ts' } }] },
      ],
    });
    expect(rootFromChatText(dir('/srv/code/shop'), chat)).toBe('/srv/code/shop');
    expect(rootFromChatText(dir('/srv/code'), chat)).toBe('/srv/code');
  });

  it('gives null when no path hashes to the id, or the id is not a hash', () => {
    const chat = '{"args":{"file_path":"src/relative.ts","path":"/tmp/elsewhere/x"}}';
    expect(rootFromChatText(dir('/srv/code/shop'), chat)).toBeNull();
    expect(rootFromChatText('/home/me/.gemini/tmp/shop', '"/srv/code/shop/a"')).toBeNull();
  });
});
