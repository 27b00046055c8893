// What changed in the working folder since a session (or checkpoint) last saw it: the branch,
// commits since its HEAD, files committed since, uncommitted files and which of them were edited
// after it stopped. Branch and HEAD come from the .git files; the rest from four git commands run
// side by side. Outside a repository, or when git is missing or slow, the report says so instead.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { findRepo, readGitState } from '../../git/index.js';
import type { ChangeReport, CommitInfo, FileChange } from '../brief/brief-types.js';
import { createGitRunner, parsePorcelain } from '../../git/index.js';
import type { GitResult, GitRunner } from '../../git/index.js';

export interface ChangeBase {
  head: string | null;
  branch: string | null;
  /** When the session last did something: files modified later were edited since. */
  at: number;
  /** Files known to be dirty at that time (a checkpoint records them). */
  dirty?: string[];
  /**
   * `head` is not the state at `at` (unknown, or the session's start): compare against the commit
   * that was HEAD at `at` instead, when the repository has one.
   */
  headAtTime?: boolean;
}

/** The commit HEAD's history had at `at` (committer time), or the base's own head. */
async function headAt(
  base: ChangeBase,
  root: string,
  git: GitRunner,
  current: string | null,
): Promise<string | null> {
  // HEAD is where it was at the base's start: it was there at `at` too, no git run needed.
  if (!base.headAtTime || (base.head !== null && base.head === current)) return base.head;
  const r = await git.run(
    ['rev-list', '-1', `--before=${new Date(base.at).toISOString()}`, 'HEAD'],
    root,
  );
  const sha = r.ok ? r.stdout.trim() : '';
  return SHA.test(sha) ? sha : base.head;
}

const MAX_COMMITS = 5;
const SHA = /^[0-9a-f]{7,64}$/;

function unavailable(
  base: ChangeBase,
  why: string,
  current: ChangeReport['current'] = { head: null, branch: null },
): ChangeReport {
  const report: ChangeReport = {
    unavailable: why,
    base: { head: base.head, branch: base.branch, at: base.at },
    current,
    commits: [],
    commitCount: 0,
    baseMissing: false,
    committed: [],
    uncommitted: [],
    editedSince: [],
  };
  return report;
}

function parseLog(out: string): CommitInfo[] {
  return out
    .split('\x1e')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => {
      const [sha = '', author = '', at = '0', subject = ''] = r.split('\x1f');
      return { sha, author, at: Number(at) * 1000, subject };
    });
}

/** `git diff --name-status -z` → changes; a rename is named by its new path. */
export function parseNameStatus(out: string): FileChange[] {
  const parts = out.split('\0').filter((p) => p !== '');
  const files: FileChange[] = [];
  for (let i = 0; i < parts.length; i++) {
    const status = parts[i]!.charAt(0);
    if (status === 'R' || status === 'C') {
      files.push({ path: parts[i + 2] ?? '', status });
      i += 2;
    } else {
      files.push({ path: parts[i + 1] ?? '', status });
      i += 1;
    }
  }
  return files.filter((f) => f.path !== '');
}

function editedAfter(root: string, files: FileChange[], base: ChangeBase): string[] {
  const known = new Set(base.dirty ?? []);
  return files
    .filter((f) => {
      if (f.status === 'D') return base.dirty !== undefined && !known.has(f.path);
      try {
        return statSync(join(root, f.path)).mtimeMs > base.at;
      } catch {
        return false;
      }
    })
    .map((f) => f.path);
}

const failed = (r: GitResult) =>
  r.error === 'timeout' || r.error === 'git not found' ? r.error : null;
const missingRevision = (r: GitResult) =>
  !r.ok &&
  /unknown revision|bad revision|invalid revision|bad object|ambiguous argument/i.test(
    r.error ?? '',
  );

export async function detectChanges(
  cwd: string,
  base: ChangeBase,
  git: GitRunner = createGitRunner(),
): Promise<ChangeReport> {
  const repo = findRepo(cwd);
  if (!repo) return unavailable(base, 'not a git repository');
  const current = readGitState(repo.root);
  // Started before the base's commit is looked up: it does not depend on it, and runs beside it.
  const status = git.run(['status', '--porcelain=v1', '-z', '--untracked-files=normal'], repo.root);
  base = { ...base, head: await headAt(base, repo.root, git, current.head) };
  const compare =
    base.head !== null &&
    SHA.test(base.head) &&
    current.head !== null &&
    base.head !== current.head;
  const range = `${base.head}..HEAD`;
  const none: GitResult = { ok: true, stdout: '', error: null };
  const [uncommittedRun, count, log, diff] = await Promise.all([
    status,
    compare ? git.run(['rev-list', '--count', range], repo.root) : none,
    compare
      ? git.run(
          ['log', `-n${MAX_COMMITS}`, '--format=%H%x1f%an%x1f%at%x1f%s%x1e', range],
          repo.root,
        )
      : none,
    compare ? git.run(['diff', '--name-status', '-z', base.head!, 'HEAD'], repo.root) : none,
  ]);
  const why = failed(uncommittedRun) ?? failed(count) ?? failed(log) ?? failed(diff);
  if (why) return unavailable(base, why === 'timeout' ? 'git took too long' : why, current);
  if (!uncommittedRun.ok)
    return unavailable(base, uncommittedRun.error ?? 'git status failed', current);
  const uncommitted = parsePorcelain(uncommittedRun.stdout);
  const baseMissing = compare && (missingRevision(count) || missingRevision(diff));
  return {
    unavailable: null,
    base: { head: base.head, branch: base.branch, at: base.at },
    current,
    commits: baseMissing ? [] : parseLog(log.stdout),
    commitCount: baseMissing ? 0 : Number(count.stdout.trim() || 0),
    baseMissing,
    committed: baseMissing ? [] : parseNameStatus(diff.stdout),
    uncommitted,
    editedSince: editedAfter(repo.root, uncommitted, base),
  };
}
