// `baton sync conflicts` and `baton sync resolve`: the fields two machines changed at once, which a
// merge keeps aside with both values, and the user's choice, written as a new edit so every
// machine takes it on its next pull. Audited.
import { BatonError } from '../core/index.js';
import type { JsonValue } from '../core/index.js';
import type { SyncConflict } from '../store/index.js';
import { syncConfigOrNull } from './sync-vault.js';
import type { SyncWorld } from './sync-vault.js';
import type { OpsWorld } from './world.js';

export const SYNC_CONFLICT_KEEP = ['mine', 'theirs', 'both'] as const;
export type SyncConflictKeep = (typeof SYNC_CONFLICT_KEEP)[number];

/** The open conflicts, or every one (`all`: the resolved ones too). */
export function listSyncConflicts(
  world: Pick<OpsWorld, 'store'>,
  input: { all?: boolean | undefined } = {},
): SyncConflict[] {
  return world.store.sync.conflicts({ open: !input.all });
}

/** Both values of a text field, one after the other; other fields have no "both". */
export function keepBoth(c: SyncConflict): JsonValue {
  if (typeof c.mine !== 'string' || typeof c.theirs !== 'string') {
    throw new BatonError('INVALID_INPUT', `--keep both needs a text field; ${c.field} is not one`, {
      hint: 'choose --keep mine or --keep theirs',
    });
  }
  return `${c.mine}\n\n${c.theirs}`;
}

function findConflict(list: SyncConflict[], ref: string): SyncConflict {
  const hits = list.filter((c) => c.id === ref.toUpperCase() || c.id.startsWith(ref.toUpperCase()));
  if (hits.length === 1) return hits[0]!;
  throw new BatonError(
    'NOT_FOUND',
    `no open conflict ${ref}${hits.length > 1 ? ' (ambiguous)' : ''}`,
    { hint: 'see `baton sync conflicts`' },
  );
}

export interface ResolvedSyncConflict {
  id: string;
  keep: SyncConflictKeep;
  /** The value the field holds now. */
  value: JsonValue;
  kind: string;
  field: string;
  /** The vault a push sends the choice to, or null when sync is not set up here. */
  vault: string | null;
}

/** Settles an open conflict (its id or a unique prefix): my value, theirs, or both (text fields). */
export async function resolveSyncConflict(
  world: Pick<SyncWorld, 'store' | 'env'>,
  input: { id: string; keep: SyncConflictKeep },
): Promise<ResolvedSyncConflict> {
  if (!SYNC_CONFLICT_KEEP.includes(input.keep)) {
    throw new BatonError('USAGE', `keep mine, theirs or both, not ${String(input.keep)}`);
  }
  const { store } = world;
  const c = findConflict(store.sync.conflicts({ open: true }), input.id);
  const value = input.keep === 'mine' ? c.mine : input.keep === 'theirs' ? c.theirs : keepBoth(c);
  store.transaction(() => {
    store.sync.writeField(c.kind, c.recordId, c.field, value);
    store.sync.settleConflict(c.id, input.keep);
    store.audit('sync-resolve', c.id, { kind: c.kind, field: c.field, keep: input.keep });
  });
  const vault = (await syncConfigOrNull(world))?.vault ?? null;
  return { id: c.id, keep: input.keep, value, kind: c.kind, field: c.field, vault };
}
