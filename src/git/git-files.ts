// Reads a repository's facts straight from the .git folder, without spawning git: the hook path
// cannot afford a subprocess. Handles plain repos, worktrees (`.git` is a file) and submodules.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

export interface RepoLocation {
  /** The working tree's top folder. */
  root: string;
  /** The .git folder of this working tree (per-worktree for linked worktrees). */
  gitDir: string;
  /** The folder shared by all worktrees of the repository (holds config, refs). */
  commonDir: string;
}

export function findRepo(start: string): RepoLocation | null {
  let dir = resolve(start);
  for (;;) {
    const dotGit = join(dir, '.git');
    const found = readDotGit(dotGit);
    if (found) return { root: dir, ...found };
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function readDotGit(dotGit: string): { gitDir: string; commonDir: string } | null {
  let st;
  try {
    st = statSync(dotGit);
  } catch {
    return null;
  }
  let gitDir = dotGit;
  if (st.isFile()) {
    const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
    if (!m) return null;
    const target = m[1]!.trim();
    gitDir = isAbsolute(target) ? target : resolve(dirname(dotGit), target);
  } else if (!st.isDirectory()) {
    return null;
  }
  let commonDir = gitDir;
  const commonFile = join(gitDir, 'commondir');
  if (existsSync(commonFile)) {
    const rel = readFileSync(commonFile, 'utf8').trim();
    commonDir = isAbsolute(rel) ? rel : resolve(gitDir, rel);
  }
  return { gitDir, commonDir };
}

/** The URL of `origin`, or of the first remote when there is no origin. */
export function readRemoteUrl(repo: RepoLocation): string | null {
  let config: string;
  try {
    config = readFileSync(join(repo.commonDir, 'config'), 'utf8');
  } catch {
    return null;
  }
  const remotes = new Map<string, string>();
  let current: string | null = null;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[remote\s+"([^"]+)"\]$/.exec(line);
    if (section) {
      current = section[1]!;
      continue;
    }
    if (line.startsWith('[')) {
      current = null;
      continue;
    }
    const url = /^url\s*=\s*(.+)$/.exec(line);
    if (current && url && !remotes.has(current)) remotes.set(current, url[1]!.trim());
  }
  return remotes.get('origin') ?? remotes.values().next().value ?? null;
}

/** The current branch name, or null when HEAD is detached. */
export function readBranch(repo: RepoLocation): string | null {
  try {
    const head = readFileSync(join(repo.gitDir, 'HEAD'), 'utf8').trim();
    const m = /^ref:\s*refs\/heads\/(.+)$/.exec(head);
    return m ? m[1]! : null;
  } catch {
    return null;
  }
}

/** The commit HEAD points at, resolving loose and packed refs. */
export function readHead(repo: RepoLocation): string | null {
  try {
    const head = readFileSync(join(repo.gitDir, 'HEAD'), 'utf8').trim();
    const m = /^ref:\s*(.+)$/.exec(head);
    if (!m) return /^[0-9a-f]{40,64}$/.test(head) ? head : null;
    const ref = m[1]!;
    for (const dir of [repo.gitDir, repo.commonDir]) {
      try {
        return readFileSync(join(dir, ref), 'utf8').trim();
      } catch {
        // not a loose ref here
      }
    }
    const packed = readFileSync(join(repo.commonDir, 'packed-refs'), 'utf8');
    for (const line of packed.split('\n')) {
      const [sha, name] = line.split(' ');
      if (name === ref && sha) return sha;
    }
    return null;
  } catch {
    return null;
  }
}
