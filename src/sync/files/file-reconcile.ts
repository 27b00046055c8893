// After a pull: each tracked file takes the newest version any machine pushed, unless it was
// edited here since it was last synced (the next push sends that edit, and the round after
// settles it). A version the winner's writer had not seen — an edit made at the same time
// elsewhere — is kept beside the file as `<file>.baton-conflict-<machine>`, never dropped.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { joinSeen, newer, newestFirst, takeSeen } from '../sealed-entries/index.js';
import { open } from '../vault-crypto.js';
import { isTracked, localPath } from './file-paths.js';
import { CONFLICT_MARK, FILES, sha, trackedPaths } from './file-sync.js';
import type { FileVersion, FilesWorld, LocalState } from './file-sync.js';

export interface FilesReport {
  written: number;
  /** Versions kept beside their file because two machines changed it at once. */
  keptBeside: string[];
}

function writeAtomic(path: string, content: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.baton-${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}

export async function reconcileFiles(w: FilesWorld): Promise<FilesReport> {
  const { store, key, vault } = w;
  const tracked = trackedPaths(store);
  const states = FILES.states(store);
  const report: FilesReport = { written: 0, keptBeside: [] };
  const todo: { path: string; winner: FileVersion; losers: FileVersion[]; local: string | null }[] =
    [];
  for (const [path, byMachine] of Object.entries(FILES.remote(store))) {
    if (!isTracked(path, tracked)) continue;
    const versions = newestFirst(Object.values(byMachine));
    const winner = versions[0]!;
    const abs = localPath(path, w.home);
    const local = existsSync(abs) ? sha(readFileSync(abs)) : null;
    const state = states[path];
    // Edited here and not pushed yet: the push sends it first.
    if (local !== null && local !== (state?.hash ?? null)) continue;
    const kept = state?.kept ?? [];
    const losers = versions.filter(
      (v) =>
        v.hash !== winner.hash && !newer(winner.seen[v.machine], v.hlc) && !kept.includes(v.hash),
    );
    if (winner.hash !== local || losers.length > 0) todo.push({ path, winner, losers, local });
  }
  if (todo.length === 0) return report;
  const ids = todo.flatMap((t) => [t.winner, ...t.losers].map((v) => v.blob));
  const blobs = await w.target.blobs([...new Set(ids)]);
  const content = (v: FileVersion) => {
    const sealed = blobs.get(v.blob);
    return sealed ? open(key, { vault, kind: 'blob', id: v.blob }, sealed) : null;
  };
  for (const t of todo) {
    const abs = localPath(t.path, w.home);
    const state: LocalState = states[t.path] ?? FILES.blank();
    for (const v of t.losers) {
      const body = content(v);
      if (!body) continue;
      const beside = `${abs}${CONFLICT_MARK}${v.machine.slice(0, 12)}`;
      writeAtomic(beside, body);
      report.keptBeside.push(`${t.path}${CONFLICT_MARK}${v.machine.slice(0, 12)}`);
      state.kept = [...state.kept, v.hash];
      state.seen = joinSeen(state.seen, { [v.machine]: v.hlc });
    }
    if (t.winner.hash !== t.local) {
      const body = content(t.winner);
      if (!body) continue;
      writeAtomic(abs, body);
      report.written += 1;
    }
    state.hash = t.winner.hash;
    state.seen = takeSeen(state.seen, t.winner);
    states[t.path] = state;
  }
  FILES.save(store, states);
  return report;
}
