// Project identity: the same git remote and the same path inside the repository give
// the same project on every worktree, clone and machine; a folder outside git is its own path.
import { realpathSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { findRepo, readBranch, readHead, readRemoteUrl } from './git-files.js';

export interface ProjectIdentity {
  key: string;
  root: string;
  remoteUrl: string | null;
  name: string;
}

export interface GitState {
  branch: string | null;
  head: string | null;
}

/** `git@github.com:Org/Repo.git`, `https://user:pw@github.com/Org/Repo` → `github.com/Org/Repo`. */
export function normalizeRemote(url: string): string {
  let u = url.trim();
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(u);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) {
    u = `${scp[1]}/${scp[2]}`;
  } else {
    u = u.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]*@/, '');
  }
  u = u.replace(/\.git\/?$/, '').replace(/\/+$/, '');
  const slash = u.indexOf('/');
  const host = (slash < 0 ? u : u.slice(0, slash)).toLowerCase().replace(/:\d+$/, '');
  return slash < 0 ? host : host + u.slice(slash);
}

function realpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/**
 * The project a folder belongs to. Inside git the project root is the working tree's top folder
 * and the key is the normalised remote, so every clone and worktree of one repository agrees on
 * any machine; without a remote, the repository's shared .git folder stands in for it, so the
 * worktrees of one local repository still agree. Outside git the folder itself is the project.
 */
export function identifyProject(cwd: string): ProjectIdentity {
  const dir = realpath(cwd);
  const repo = findRepo(dir);
  if (!repo) return { key: `path:${dir}`, root: dir, remoteUrl: null, name: basename(dir) || dir };
  const remoteUrl = readRemoteUrl(repo);
  if (remoteUrl) {
    const remote = normalizeRemote(remoteUrl);
    return { key: `git:${remote}`, root: repo.root, remoteUrl, name: basename(remote) };
  }
  const common = realpath(repo.commonDir);
  return {
    key: `git-local:${common}`,
    root: repo.root,
    remoteUrl: null,
    name: basename(dirname(common)),
  };
}

export function readGitState(cwd: string): GitState {
  const repo = findRepo(realpath(cwd));
  if (!repo) return { branch: null, head: null };
  return { branch: readBranch(repo), head: readHead(repo) };
}
