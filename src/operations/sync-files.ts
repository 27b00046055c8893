// `baton sync files add|remove|list`: the files and folders of the home folder chosen to travel to
// the user's other machines (agent memory files, skills, settings). Paths are kept in their
// portable form (`~/…`); adding and removing are audited. The sync part (and its PostgreSQL
// driver) is loaded on the first call, so faces that load the operations never pay for it.
import { BatonError } from '../core/index.js';
import type { OpsWorld } from './world.js';

export type SyncFilesWorld = Pick<OpsWorld, 'store'> & {
  env: Record<string, string | undefined>;
  /** Where relative paths are taken from. */
  cwd: string;
};

export interface SyncFilesList {
  /** The paths chosen here, files or folders. */
  tracked: string[];
  /** The files those paths name today; `synced` once pushed or taken. */
  files: { path: string; synced: boolean }[];
  /** Files changed on two machines at once: the other version is kept beside them. */
  keptBeside: string[];
  /** Paths another machine syncs that this one does not track. */
  offered: string[];
}

const sync = () => import('../sync/index.js');

function userHome(env: SyncFilesWorld['env']): string {
  const home = env.HOME;
  if (!home)
    throw new BatonError('USAGE', 'HOME is not set: chosen files live in your home folder');
  return home;
}

/** The portable names of `paths`, and the sync part's tracked-paths setting. */
async function tracking(world: SyncFilesWorld, paths: readonly string[]) {
  const home = userHome(world.env);
  const { portablePath, setTrackedPaths, trackedPaths } = await sync();
  return {
    named: paths.map((p) => portablePath(p, home, world.cwd)),
    tracked: () => trackedPaths(world.store),
    set: (next: readonly string[]) => setTrackedPaths(world.store, next),
  };
}

/** Tracks these paths (in the home folder) from now on; returns them, portable, and every one. */
export async function addSyncFiles(
  world: SyncFilesWorld,
  paths: readonly string[],
): Promise<{ added: string[]; tracked: string[] }> {
  const t = await tracking(world, paths);
  t.set([...t.tracked(), ...t.named]);
  world.store.audit('sync-files-add', null, { paths: t.named });
  return { added: t.named, tracked: t.tracked() };
}

/** Stops tracking these paths (the files stay); every one must be tracked. */
export async function removeSyncFiles(
  world: SyncFilesWorld,
  paths: readonly string[],
): Promise<{ removed: string[]; tracked: string[] }> {
  const t = await tracking(world, paths);
  const gone = new Set(t.named);
  const before = t.tracked();
  const missing = [...gone].filter((p) => !before.includes(p));
  if (missing.length > 0) {
    throw new BatonError('NOT_FOUND', `not tracked: ${missing.join(', ')}`, {
      hint: 'see `baton sync files list`',
    });
  }
  t.set(before.filter((p) => !gone.has(p)));
  world.store.audit('sync-files-remove', null, { paths: [...gone] });
  return { removed: [...gone], tracked: t.tracked() };
}

/** The tracked paths, their files, the versions kept beside, and what other machines offer. */
export async function listSyncFiles(
  world: Pick<SyncFilesWorld, 'store' | 'env'>,
): Promise<SyncFilesList> {
  const { store } = world;
  const { fileStates, isTracked, remoteFiles, trackedFiles, trackedPaths } = await sync();
  const tracked = trackedPaths(store);
  const states = fileStates(store);
  const remote = remoteFiles(store);
  const here = trackedFiles(tracked, userHome(world.env));
  return {
    tracked,
    files: here.map((path) => ({ path, synced: states[path] !== undefined })),
    keptBeside: Object.keys(states).filter((p) => (states[p]?.kept.length ?? 0) > 0),
    offered: Object.keys(remote).filter((p) => !isTracked(p, tracked)),
  };
}
