// Chosen files (agent memory files, skills, settings) travel as content-addressed, sealed blobs:
// a blob's id is a keyed hash of its content, so a content pushed twice is stored once and the
// server cannot test a guess. Each file is a sealed versioned entry (../sealed-entries/): each
// machine pushes a version per file — its path, content hash and blob — with the versions of the
// other machines it had taken. On pull, every machine takes the newest version; a version that did
// not start from the winner's content (a concurrent edit) is kept beside the file as
// `<file>.baton-conflict-<machine>`, and `baton sync files list` says so. A file only arrives on
// a machine that tracks its path too: the vault never writes where it was not asked to.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Store } from '../../store/index.js';
import { SealedEntries, sealedId } from '../sealed-entries/index.js';
import type {
  EntriesWorld,
  EntryDraft,
  EntryState,
  EntryVersion,
  RemoteVersions,
} from '../sealed-entries/index.js';
import { seal } from '../vault-crypto.js';
import { localPath, trackedFiles } from './file-paths.js';

export interface FileVersion extends EntryVersion {
  path: string;
  blob: string;
}

export interface FilesWorld extends EntriesWorld {
  home: string;
}

export interface LocalState extends EntryState {
  /** Hashes of versions already kept beside the file. */
  kept: string[];
}

/** Chosen files as sealed versioned entries; `notePulled` takes a pull's versions. */
export const FILES = new SealedEntries<FileVersion, LocalState>({
  kind: 'file',
  setting: 'sync.files',
  keyOf: (v) => v.path,
  idParts: (v) => [v.path],
  blank: () => ({ hash: '', seen: {}, kept: [] }),
});

const TRACKED = 'sync.files';
export const CONFLICT_MARK = '.baton-conflict-';

export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function trackedPaths(store: Store): string[] {
  return (store.getSetting(TRACKED) as string[] | undefined) ?? [];
}

export function setTrackedPaths(store: Store, paths: readonly string[]): void {
  store.setSetting(TRACKED, [...new Set(paths)].sort());
}

export type RemoteFiles = RemoteVersions<FileVersion>;

export const remoteFiles = (store: Store): RemoteFiles => FILES.remote(store);
export const fileStates = (store: Store): Record<string, LocalState> => FILES.states(store);

export const blobId = (key: Buffer, hash: string): string => sealedId(key, 'blob', hash);

/** Each tracked file as it is here, its content sealed as a blob only if it is sent. */
function* drafts(w: FilesWorld): Generator<EntryDraft<FileVersion>> {
  const { key, vault } = w;
  for (const path of trackedFiles(trackedPaths(w.store), w.home)) {
    if (path.includes(CONFLICT_MARK)) continue;
    const content = readFileSync(localPath(path, w.home));
    const hash = sha(content);
    const blob = blobId(key, hash);
    yield {
      key: path,
      hash,
      fields: { path, blob },
      // A blob never changes: the lowest stamp makes a repeated upload a no-op on the server.
      alongside: () => [
        {
          id: blob,
          machine: '',
          kind: 'blob',
          hlc: '0',
          tombstone: false,
          ciphertext: seal(key, { vault, kind: 'blob', id: blob }, content),
        },
      ],
    };
  }
}

/** Sends the tracked files whose content changed since they were last synced here. */
export function pushFiles(w: FilesWorld): Promise<number> {
  return FILES.push(w, drafts(w));
}
