// Pins change detection against a real git repository in a temp folder: commits since the
// session's HEAD, a branch switch, files committed since, uncommitted files and which were edited
// after the session; and the honest answers outside a repository, without git, or when it is slow.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commit, git, makeRepo } from '../__fixtures__/world.js';
import { detectChanges, parseNameStatus } from './detect-changes.js';
import { createGitRunner, parsePorcelain } from '../../git/index.js';

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'baton-git-')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('detectChanges', () => {
  it('finds commits, the branch switch, committed files and edits made after the session', async () => {
    const base = makeRepo(dir, { 'cart.ts': 'a\n', 'notes.md': 'n\n', 'old.txt': 'o\n' });
    const sessionEnd = Date.now() - 60_000;
    git(dir, 'checkout', '-q', '-b', 'feature');
    commit(dir, { 'cart.ts': 'b\n' }, 'Rework cart');
    git(dir, 'mv', 'old.txt', 'new.txt');
    commit(dir, { 'extra.ts': 'x\n' }, 'Add extra, rename old');
    writeFileSync(join(dir, 'notes.md'), 'edited after the session\n');
    writeFileSync(join(dir, 'untracked.txt'), 'new\n');

    const c = await detectChanges(dir, { head: base, branch: 'main', at: sessionEnd });
    expect(c.unavailable).toBeNull();
    expect(c.current.branch).toBe('feature');
    expect(c.commitCount).toBe(2);
    expect(c.commits.map((k) => k.subject)).toEqual(['Add extra, rename old', 'Rework cart']);
    expect(c.commits[0]).toMatchObject({ author: 'Ada' });
    expect(c.committed).toEqual(
      expect.arrayContaining([
        { path: 'cart.ts', status: 'M' },
        { path: 'extra.ts', status: 'A' },
        { path: 'new.txt', status: 'R' },
      ]),
    );
    expect(c.uncommitted).toEqual(
      expect.arrayContaining([
        { path: 'notes.md', status: 'M' },
        { path: 'untracked.txt', status: '?' },
      ]),
    );
    expect(c.editedSince.sort()).toEqual(['notes.md', 'untracked.txt']);
  });

  it('runs git status beside the lookup of the base commit, not after it', async () => {
    makeRepo(dir, { 'cart.ts': 'a\n' });
    writeFileSync(join(dir, 'cart.ts'), 'changed\n');
    const real = createGitRunner();
    const seen: string[] = [];
    const recording = {
      ...real,
      run: async (args: string[], cwd: string) => {
        seen.push(`start ${args[0]}`);
        const r = await real.run(args, cwd);
        seen.push(`end ${args[0]}`);
        return r;
      },
    };
    const at = Date.now() + 60_000;
    const c = await detectChanges(
      dir,
      { head: null, branch: 'main', at, headAtTime: true },
      recording,
    );
    expect(c.uncommitted).toEqual([{ path: 'cart.ts', status: 'M' }]);
    expect(seen.indexOf('start status')).toBeLessThan(seen.indexOf('end rev-list'));
  });

  it('runs only git status when HEAD has not moved since the session started', async () => {
    const head = makeRepo(dir, { 'cart.ts': 'a\n' });
    writeFileSync(join(dir, 'cart.ts'), 'changed\n');
    const real = createGitRunner();
    const seen: string[] = [];
    const recording = {
      ...real,
      run: (args: string[], cwd: string) => {
        seen.push(args[0]!);
        return real.run(args, cwd);
      },
    };
    const at = Date.now() + 60_000;
    const c = await detectChanges(dir, { head, branch: 'main', at, headAtTime: true }, recording);
    expect(c.uncommitted).toEqual([{ path: 'cart.ts', status: 'M' }]);
    expect(c.commitCount).toBe(0);
    expect(seen).toEqual(['status']);
  });

  it('does not count files left dirty by the session itself as edited since', async () => {
    const base = makeRepo(dir, { 'cart.ts': 'a\n' });
    writeFileSync(join(dir, 'cart.ts'), 'dirty from the session\n');
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, 'cart.ts'), old, old);
    const c = await detectChanges(dir, { head: base, branch: 'main', at: Date.now() - 60_000 });
    expect(c.uncommitted).toEqual([{ path: 'cart.ts', status: 'M' }]);
    expect(c.editedSince).toEqual([]);
    expect(c.commitCount).toBe(0);
  });

  it('says when the session’s HEAD is not in the repository any more', async () => {
    makeRepo(dir, { 'a.txt': 'a\n' });
    const c = await detectChanges(dir, { head: 'f'.repeat(40), branch: 'main', at: Date.now() });
    expect(c.unavailable).toBeNull();
    expect(c.baseMissing).toBe(true);
    expect(c.commits).toEqual([]);
  });

  it('answers "not a git repository" outside one, without running git', async () => {
    const c = await detectChanges(dir, { head: null, branch: null, at: Date.now() });
    expect(c.unavailable).toBe('not a git repository');
  });

  it('says so when git is missing or too slow', async () => {
    makeRepo(dir, { 'a.txt': 'a\n' });
    const base = { head: null, branch: 'main', at: Date.now() };
    const noGit = createGitRunner({ env: { PATH: join(dir, 'nowhere') } });
    expect((await detectChanges(dir, base, noGit)).unavailable).toBe('git not found');
    const slow = {
      run: () => Promise.resolve({ ok: false, stdout: '', error: 'timeout' }),
      runSync: () => ({ ok: false, stdout: '', error: 'timeout' }),
    };
    expect((await detectChanges(dir, base, slow)).unavailable).toBe('git took too long');
  });

  it('kills a git that runs past its time limit', async () => {
    makeRepo(dir, { 'a.txt': 'a\n' });
    const fake = join(dir, 'bin');
    mkdirSync(fake);
    writeFileSync(
      join(fake, 'git'),
      `#!/bin/sh\nexec ${process.execPath} -e "setTimeout(() => {}, 5000)"\n`,
      {
        mode: 0o755,
      },
    );
    const runner = createGitRunner({ timeoutMs: 200, env: { PATH: fake } });
    const started = Date.now();
    const r = await runner.run(['status'], dir);
    expect(r).toMatchObject({ ok: false, error: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('git output parsers', () => {
  it('reads porcelain status with renames and untracked files', () => {
    expect(parsePorcelain(' M a.ts\0R  new.ts\0old.ts\0?? b.ts\0')).toEqual([
      { path: 'a.ts', status: 'M' },
      { path: 'new.ts', status: 'R' },
      { path: 'b.ts', status: '?' },
    ]);
  });

  it('reads name-status diffs with renames', () => {
    expect(parseNameStatus('M\0a.ts\0R087\0old.ts\0new.ts\0D\0gone.ts\0')).toEqual([
      { path: 'a.ts', status: 'M' },
      { path: 'new.ts', status: 'R' },
      { path: 'gone.ts', status: 'D' },
    ]);
  });
});
