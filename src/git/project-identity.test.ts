// Pins project identity: one project per repository across clones, worktrees and remote URL
// spellings; a folder outside git is its own path.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identifyProject, normalizeRemote, readGitState } from './project-identity.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'baton-git-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
    cwd,
    stdio: 'pipe',
  })
    .toString()
    .trim();

function repo(name: string, remote?: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  if (remote) git(dir, 'remote', 'add', 'origin', remote);
  writeFileSync(join(dir, 'a.txt'), 'a');
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'first');
  return dir;
}

describe('normalizeRemote', () => {
  it('gives every spelling of one remote the same key', () => {
    const spellings = [
      'git@github.com:Org/Repo.git',
      'https://github.com/Org/Repo',
      'https://user:secret@GitHub.com/Org/Repo.git/',
      'ssh://git@github.com/Org/Repo.git',
      'ssh://git@github.com:22/Org/Repo',
    ];
    expect(new Set(spellings.map(normalizeRemote))).toEqual(new Set(['github.com/Org/Repo']));
  });
});

describe('identifyProject', () => {
  it('agrees across two clones of one remote, from any subfolder', () => {
    const a = repo('clone-a', 'git@github.com:acme/shop.git');
    const b = repo('clone-b', 'https://github.com/acme/shop');
    mkdirSync(join(b, 'src', 'deep'), { recursive: true });
    const ia = identifyProject(a);
    const ib = identifyProject(join(b, 'src', 'deep'));
    expect(ia.key).toBe('git:github.com/acme/shop');
    expect(ib.key).toBe(ia.key);
    expect(ib.root).toBe(b);
    expect(ia.name).toBe('shop');
  });

  it('agrees across worktrees of a repository without a remote', () => {
    const main = repo('local-only');
    const wt = join(root, 'local-only-wt');
    git(main, 'worktree', 'add', '-q', '-b', 'feature', wt);
    const im = identifyProject(main);
    const iw = identifyProject(wt);
    expect(im.key).toMatch(/^git-local:/);
    expect(iw.key).toBe(im.key);
    expect(iw.root).toBe(wt);
    expect(readGitState(wt).branch).toBe('feature');
    expect(readGitState(main).head).toBe(git(main, 'rev-parse', 'HEAD'));
  });

  it('identifies a folder outside git by its path', () => {
    const plain = join(root, 'plain');
    mkdirSync(plain);
    expect(identifyProject(plain)).toMatchObject({
      key: `path:${plain}`,
      root: plain,
      remoteUrl: null,
    });
    expect(readGitState(plain)).toEqual({ branch: null, head: null });
  });

  it('reads HEAD from packed refs', () => {
    const dir = repo('packed', 'https://example.com/x/packed.git');
    const head = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'pack-refs', '--all');
    expect(readGitState(dir)).toEqual({ branch: 'main', head });
  });
});
