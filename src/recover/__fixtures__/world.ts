// Real temporary worlds for recovery tests: a SQLite store file in a temp folder, a project, and a
// real git repository driven by the git binary.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, Project } from '../../core/index.js';
import { SqliteStore } from '../../store/index.js';

export interface TempWorld {
  dir: string;
  store: SqliteStore;
  project: Project;
  clock: Clock & { set(ms: number): void; advance(ms: number): void };
  cleanup(): void;
}

export const T0 = Date.parse('2026-03-04T09:00:00Z');

export function settableClock(start = T0) {
  let t = start;
  return {
    now: () => t,
    set: (ms: number) => void (t = ms),
    advance: (ms: number) => void (t += ms),
  };
}

export function tempWorld(root?: string): TempWorld {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'baton-recover-')));
  const clock = settableClock();
  const store = SqliteStore.open({ path: join(dir, 'home', 'baton.db'), clock });
  const projectRoot = root ?? join(dir, 'work');
  const project = store.projects.ensure({
    key: `path:${projectRoot}`,
    root: projectRoot,
    remoteUrl: null,
    name: 'webshop',
  });
  return {
    dir,
    store,
    project,
    clock,
    cleanup: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}

/** A repository with one commit on `main` holding the given files. */
export function makeRepo(dir: string, files: Record<string, string>): string {
  git(dir, 'init', '-q', '-b', 'main');
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  return git(dir, 'rev-parse', 'HEAD');
}

export function commit(dir: string, files: Record<string, string>, message: string): string {
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}
