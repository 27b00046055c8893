// A prepared SessionStart brief: once the background worker has drained the spool, it renders the
// brief a SessionStart would print for each project it just wrote to, and keeps it under
// `$BATON_HOME/brief/` as a small shell file that the installed SessionStart command (a POSIX sh
// script, install/prepared-start.ts) sources. The shell prints it instead of starting Node only when
// it is still exactly what the Node hook would print at that moment; the file says what that
// depends on, each checked with shell builtins (plus one `date` and one `git status`):
// - the store: the file's own mtime is set just before the store was read, and every store write
//   adds frames to the database's log or (checkpointed) changes the database itself, so a database,
//   or a log holding frames, newer than the file means a write since (a read-only reader may leave
//   an empty log behind; a shell comparing whole seconds only falls back more often);
// - the folder's git state: `git status --porcelain=v2 --branch` as it was, the repository's config
//   (the project's identity), each uncommitted file not modified since (the brief says which were
//   edited after the session stopped), or, outside a repository, no `.git` appearing above it;
// - time: the brief was rendered again at later times and found identical until `b_until` (ages
//   such as `3 min ago` only grow, so identical at both ends means identical in between);
// - the project has no active session (so no crash or exit would be marked first, and no other
//   agent's process matters), the daemon's autostart is off (the Node hook would start it);
// - the payload: SessionStart of a new session (startup, clear, fork, new) whose cwd is the shell's
//   folder and whose session id is not the session the brief describes (it would be left out).
// Anything pending (a payload in the spool, a worker or detached hook job running) makes the shell
// fall back too, as the Node hook would have waited for it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Store } from '../../store/index.js';
import { findRepo, parsePorcelain } from '../../git/index.js';
import type { BriefProvider } from '../adapter.js';
import { PREPARED_FORMAT } from '../install/prepared-start.js';
import { identityForCwd } from '../project-for-cwd.js';
import { snapshotBriefReply } from './hook-session.js';

/** Where prepared briefs are kept. */
export const preparedDir = (home: string) => join(home, 'brief');

/** The prepared brief of `cwd`: its path with `/` written as `%` (the shell builds the same name). */
export const preparedPath = (home: string, cwd: string) =>
  join(preparedDir(home), cwd.replaceAll('/', '%'));

/** `text` as one single-quoted shell word. */
export const shellWord = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** How long after the store's last write the file's time is set (file times lag the clock). */
const GUARD_MS = 50;
/** How far ahead a brief is checked to stay the same. */
const HORIZON_MS = 3_600_000;
/** At most this many uncommitted files are checked by the shell; more: nothing prepared. */
const MAX_FILES = 400;

export interface PrepareDeps {
  /** The store read-only. */
  openSnapshot: () => Store;
  /** The read-only brief as the hook renders it at `now`. */
  briefAt: (now: number) => BriefProvider;
  /** The store's database file. */
  storePath: string;
  env: NodeJS.ProcessEnv;
  now?: () => number;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

function mtimeMs(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv): string | null {
  const r = spawnSync('git', args, {
    cwd,
    env: { ...env, GIT_OPTIONAL_LOCKS: '0' },
    encoding: 'utf8',
    timeout: 5000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return r.status === 0 && typeof r.stdout === 'string' ? r.stdout : null;
}

/** The shell's `$(…)` drops trailing newlines; so does this. */
const substituted = (text: string) => text.replace(/\n+$/, '');

/**
 * Prepares the brief of each folder in `cwds` (see above); a folder whose brief cannot be checked
 * exactly by the shell gets none (and loses any older one). Never throws.
 */
export async function prepareBriefs(
  home: string,
  cwds: Iterable<string>,
  deps: PrepareDeps,
): Promise<void> {
  const now = deps.now ?? Date.now;
  const folders = [...new Set(cwds)];
  if (folders.length === 0) return;
  // The file's time must come after the store's last write (ours included) by more than a
  // file-time tick, and before the store is read.
  const last = Math.max(mtimeMs(deps.storePath) ?? 0, mtimeMs(`${deps.storePath}-wal`) ?? 0);
  while (now() < last + GUARD_MS + 10) Atomics.wait(pause, 0, 0, 10);
  const t0 = now();
  const ref = t0 - GUARD_MS;
  let store: Store | undefined;
  try {
    store = deps.openSnapshot();
    for (const cwd of folders) {
      try {
        const text = await fragmentFor(store, cwd, t0, ref, deps);
        // Two workers may prepare at once (one leaves its lock, the next drains a later end): a
        // file prepared from a later read of the store is newer than this one would be; keep it.
        if ((mtimeMs(preparedPath(home, cwd)) ?? -Infinity) > ref) continue;
        if (text === null) rmSync(preparedPath(home, cwd), { force: true });
        else writeFragment(home, cwd, text, ref);
      } catch {
        rmSync(preparedPath(home, cwd), { force: true });
      }
    }
  } catch {
    // No store to read: nothing prepared.
  } finally {
    store?.close();
  }
}

function writeFragment(home: string, cwd: string, text: string, ref: number): void {
  const path = preparedPath(home, cwd);
  mkdirSync(preparedDir(home), { recursive: true, mode: 0o700 });
  const tmp = join(preparedDir(home), `.${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode: 0o600 });
  utimesSync(tmp, new Date(ref), new Date(ref));
  renameSync(tmp, path);
}

/** The shell file for `cwd`, or null when its brief cannot be served exactly from the shell. */
async function fragmentFor(
  store: Store,
  cwd: string,
  t0: number,
  ref: number,
  deps: PrepareDeps,
): Promise<string | null> {
  if (cwd.includes('\n') || cwd.length === 0) return null;
  const project = store.projects.get(identityForCwd(cwd).key);
  if (!project) return null;
  if (store.getSetting('daemon.autostart') === true) return null;
  if (store.sessions.list({ status: 'active', projectId: project.id }).length > 0) return null;
  const fresh: string[] = [`[ "$1" -nt ${shellWord(deps.storePath)} ]`];
  const wal = `${deps.storePath}-wal`;
  // The log may be left empty (a read-only reader creates it): only frames in it count.
  fresh.push(`{ [ ! -s ${shellWord(wal)} ] || [ "$1" -nt ${shellWord(wal)} ]; }`);
  let gitState = '';
  let root = '';
  const repo = findRepo(project.root);
  if (repo) {
    root = repo.root;
    const status = git(
      ['status', '--porcelain=v2', '--branch', '--untracked-files=normal'],
      root,
      deps.env,
    );
    const files = git(
      ['status', '--porcelain=v1', '-z', '--untracked-files=normal'],
      root,
      deps.env,
    );
    if (status === null || files === null) return null;
    gitState = substituted(status);
    const config = join(repo.commonDir, 'config');
    if ((mtimeMs(config) ?? Infinity) >= ref) return null;
    fresh.push(`[ "$1" -nt ${shellWord(config)} ]`);
    const changed = parsePorcelain(files).filter((f) => f.status !== 'D');
    if (changed.length > MAX_FILES) return null;
    for (const f of changed) {
      const path = join(root, f.path);
      if ((mtimeMs(path) ?? Infinity) >= ref) return null;
      fresh.push(`[ "$1" -nt ${shellWord(path)} ]`);
    }
  }
  // No repository may appear between the folder and the repository (or the root) above it: the
  // folder's project would change.
  const stop = repo ? repo.root : null;
  for (const start of new Set([cwd, project.root])) {
    for (let dir = start; dir !== stop; dir = dirname(dir)) {
      if (repo && !dir.startsWith(`${repo.root}/`)) break;
      fresh.push(`[ ! -e ${shellWord(join(dir, '.git'))} ]`);
      if (dirname(dir) === dir) break;
    }
  }
  const render = async (at: number) => {
    const reply = await snapshotBriefReply(
      store,
      { cwd, source: 'startup' },
      { env: deps.env, brief: deps.briefAt(at), store: () => store, clock: { now: () => at } },
    );
    return reply.stdout ?? '';
  };
  const out = await render(t0);
  // The shell's clock has whole seconds: the second t0 falls in counts when it starts the same.
  const second = Math.floor(t0 / 1000) * 1000;
  const from = (await render(second)) === out ? second / 1000 : Math.ceil(t0 / 1000);
  let until = t0 + HORIZON_MS;
  if ((await render(until)) !== out) {
    let lo = t0;
    let hi = until;
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await render(mid)) === out) lo = mid;
      else hi = mid;
    }
    until = lo;
  }
  // The session the brief describes: a payload naming it would have it left out.
  const described = new Set<string>();
  for (const ended of [true, false]) {
    const id = store.activity.lastSessionId(project.id, '', ended);
    const s = id === null ? null : store.sessions.get(id);
    if (s?.agentSessionId) described.add(s.agentSessionId);
  }
  const sids = [...described].map(shellWord).join('|');
  return [
    `b_v=${PREPARED_FORMAT}`,
    `b_cwd=${shellWord(cwd)}`,
    `b_from=${from}`,
    `b_until=${Math.floor(until / 1000)}`,
    `b_root=${shellWord(root)}`,
    `b_git=${shellWord(gitState)}`,
    sids ? `b_sid() { case $1 in ${sids}) return 0;; esac; return 1; }` : 'b_sid() { return 1; }',
    `b_fresh() { ${fresh.join(' && ')}; }`,
    `b_out=${shellWord(out)}`,
    '',
  ].join('\n');
}
