// Pins how a Gemini chat finds its project folder: the `.project_root` marker, the slug in
// projects.json, and for legacy sha256 ids, a folder Baton or the registry already knows.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectHashOf, resolveProjectRoot } from './project-map.js';

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
