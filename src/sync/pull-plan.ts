// What a pulled batch does to the store, decided purely: each record version is merged into the
// local state (or into the state an earlier version of the same batch produced), conflicts are
// collected, and open conflicts that a newer write has since replaced are settled.
import type {
  EventEntry,
  NewSyncConflict,
  RecordState,
  SyncConflict,
  SyncEntry,
  SyncKind,
} from '../store/index.js';
import { mergeRecord } from './record-merge.js';

export type PulledItem =
  { type: 'record'; entry: SyncEntry } | { type: 'event'; event: EventEntry };

export interface PullPlan {
  write: SyncEntry[];
  conflicts: NewSyncConflict[];
  /** Ids of open conflicts whose field now holds a value newer than both sides. */
  settled: string[];
  events: EventEntry[];
}

export function planPull(
  items: readonly PulledItem[],
  readStates: (keys: { kind: SyncKind; id: string }[]) => Map<string, RecordState>,
  openConflicts: (recordId: string) => SyncConflict[],
): PullPlan {
  const entries = items.flatMap((i) => (i.type === 'record' ? [i.entry] : []));
  const states = readStates(entries.map((e) => ({ kind: e.kind, id: e.id })));
  const changed = new Map<string, SyncEntry>();
  const conflicts: NewSyncConflict[] = [];
  for (const e of entries) {
    const key = `${e.kind}:${e.id}`;
    const m = mergeRecord(states.get(key) ?? null, e.state);
    if (!m.changed) continue;
    states.set(key, m.state);
    changed.set(key, { kind: e.kind, id: e.id, state: m.state });
    for (const c of m.conflicts) conflicts.push({ kind: e.kind, recordId: e.id, ...c });
  }
  const settled: string[] = [];
  for (const e of changed.values()) {
    for (const c of openConflicts(e.id)) {
      const now = e.state.stamps[c.field];
      if (now !== undefined && now !== c.mineHlc && now !== c.theirsHlc) settled.push(c.id);
    }
  }
  const events = items.flatMap((i) => (i.type === 'event' ? [i.event] : []));
  return { write: [...changed.values()], conflicts, settled, events };
}
