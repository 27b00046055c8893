// Chosen files (agent memory files, skills, settings) travel as content-addressed, sealed blobs:
// a blob's id is a keyed hash of its content, so a content pushed twice is stored once and the
// server cannot test a guess. Each machine pushes a version record per file: its path, content
// hash, and the hash it started from. On pull, every machine takes the newest version; a version
// that did not start from the winner's content (a concurrent edit) is kept beside the file as
// `<file>.baton-conflict-<machine>`, and `baton sync files list` says so. A file only arrives on
// a machine that tracks its path too: the vault never writes where it was not asked to.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HybridLogicalClock } from '../../core/index.js';
import type { JsonObject } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { SealedRecord, SyncTarget } from '../sync-target.js';
import { open, seal } from '../vault-crypto.js';
import { localPath, trackedFiles } from './file-paths.js';

export interface FileVersion extends JsonObject {
  path: string;
  hash: string;
  /** Per machine, the newest of its versions the writer had taken or kept when it wrote this. */
  seen: Record<string, string>;
  blob: string;
  hlc: string;
  machine: string;
}

export interface FilesWorld {
  store: Store;
  target: SyncTarget;
  key: Buffer;
  vault: string;
  machine: string;
  home: string;
}

export interface LocalState extends JsonObject {
  /** The content last synced (pushed or taken). */
  hash: string;
  seen: Record<string, string>;
  /** Hashes of versions already kept beside the file. */
  kept: string[];
}

const TRACKED = 'sync.files';
export const STATE = 'sync.files.state';
const REMOTE = 'sync.files.remote';
export const CONFLICT_MARK = '.baton-conflict-';

export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const read = <T>(store: Store, key: string, fallback: T) =>
  (store.getSetting(key) as T | undefined) ?? fallback;

export function trackedPaths(store: Store): string[] {
  return read<string[]>(store, TRACKED, []);
}

export function setTrackedPaths(store: Store, paths: readonly string[]): void {
  store.setSetting(TRACKED, [...new Set(paths)].sort());
}

export type RemoteFiles = Record<string, Record<string, FileVersion>>;

export function remoteFiles(store: Store): RemoteFiles {
  return read<RemoteFiles>(store, REMOTE, {});
}

export function fileStates(store: Store): Record<string, LocalState> {
  return read<Record<string, LocalState>>(store, STATE, {});
}

export function blobId(key: Buffer, hash: string): string {
  return `blob:${createHmac('sha256', key).update(`blob\0${hash}`).digest('base64url').slice(0, 32)}`;
}

function fileId(key: Buffer, path: string): string {
  return `file:${createHmac('sha256', key).update(`file\0${path}`).digest('base64url').slice(0, 32)}`;
}

/** Sends the tracked files whose content changed since they were last synced here. */
export async function pushFiles(w: FilesWorld): Promise<number> {
  const { store, key, vault } = w;
  const states = fileStates(store);
  const remote = remoteFiles(store);
  const clock = new HybridLogicalClock(w.machine);
  for (const versions of Object.values(remote)) {
    for (const v of Object.values(versions)) clock.observe(v.hlc);
  }
  const records: SealedRecord[] = [];
  const sent: FileVersion[] = [];
  for (const path of trackedFiles(trackedPaths(store), w.home)) {
    if (path.includes(CONFLICT_MARK)) continue;
    const content = readFileSync(localPath(path, w.home));
    const hash = sha(content);
    const state = states[path];
    if (state?.hash === hash) continue;
    const blob = blobId(key, hash);
    const version: FileVersion = {
      path,
      hash,
      seen: state?.seen ?? {},
      blob,
      hlc: clock.tick(),
      machine: w.machine,
    };
    // A blob never changes: the lowest stamp makes a repeated upload a no-op on the server.
    records.push({
      id: blob,
      machine: '',
      kind: 'blob',
      hlc: '0',
      tombstone: false,
      ciphertext: seal(key, { vault, kind: 'blob', id: blob }, content),
    });
    const id = fileId(key, path);
    records.push({
      id,
      machine: w.machine,
      kind: 'file',
      hlc: version.hlc,
      tombstone: false,
      ciphertext: seal(key, { vault, kind: 'file', id }, Buffer.from(JSON.stringify(version))),
    });
    sent.push(version);
  }
  if (records.length === 0) return 0;
  await w.target.push(records);
  store.transaction(() => {
    const now = fileStates(store);
    const all = remoteFiles(store);
    for (const v of sent) {
      const seen = { ...now[v.path]?.seen, [v.machine]: v.hlc };
      now[v.path] = { hash: v.hash, seen, kept: now[v.path]?.kept ?? [] };
      all[v.path] = { ...all[v.path], [v.machine]: v };
    }
    store.setSetting(STATE, now);
    store.setSetting(REMOTE, all);
  });
  return sent.length;
}

/** Opens pulled file versions and notes them (in the pull's transaction); writes nothing yet. */
export function notePulledFiles(
  store: Store,
  key: Buffer,
  vault: string,
  rows: readonly { id: string; ciphertext: Buffer }[],
): void {
  if (rows.length === 0) return;
  const all = remoteFiles(store);
  for (const r of rows) {
    const v = JSON.parse(
      open(key, { vault, kind: 'file', id: r.id }, r.ciphertext).toString(),
    ) as FileVersion;
    const held = all[v.path]?.[v.machine];
    if (!held || held.hlc < v.hlc) all[v.path] = { ...all[v.path], [v.machine]: v };
  }
  store.setSetting(REMOTE, all);
}
