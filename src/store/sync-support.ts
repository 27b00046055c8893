// What sync needs from a store: its records as mergeable states (fields with a stamp each, and a
// version vector saying which writes of which machine the state has seen), its own events, a way
// to write merged states back, the conflicts kept for the user, and the sync positions. The merge
// itself lives in src/sync; the store only reads and writes.
import type { JsonObject, JsonValue } from '../core/index.js';

export type SyncKind = 'project' | 'session' | 'todo' | 'decision' | 'fact' | 'component';

export interface RecordState {
  /** Column values; a project reference is the project's key, so it means the same everywhere. */
  fields: JsonObject;
  /** The HLC of each merged field's value. Fields without a stamp follow the newest state. */
  stamps: Record<string, string>;
  /** Per machine, the newest of its stamps this state has seen. */
  vv: Record<string, string>;
  /** The newest stamp in the state. */
  hlc: string;
  deleted: boolean;
}

export interface SyncEntry {
  kind: SyncKind;
  /** The id every machine knows the record by (a project's key for projects). */
  id: string;
  state: RecordState;
}

/** An event as it travels: every column but the journal position, the raw record in base64. */
export interface EventEntry {
  id: string;
  hlc: string;
  body: JsonObject;
}

/** A deletion that travels: what `baton forget` removed, by the id every machine knows it by. */
export interface SyncTombstone {
  kind: 'event' | 'session' | 'checkpoint';
  id: string;
  hlc: string;
}

/** A checkpoint as it travels: its columns (project as key, snapshot as text), not its handle. */
export interface CheckpointEntry {
  id: string;
  hlc: string;
  body: JsonObject;
}

export interface NewSyncConflict {
  kind: SyncKind;
  recordId: string;
  field: string;
  mine: JsonValue;
  mineHlc: string;
  theirs: JsonValue;
  theirsHlc: string;
}

export interface SyncConflict extends NewSyncConflict {
  id: string;
  detectedAt: number;
  resolvedAt: number | null;
  resolution: string | null;
}

export interface SyncSupport {
  /** Records whose newest stamp is after `afterHlc`, oldest first. */
  changedRecords(afterHlc: string, limit: number): SyncEntry[];
  /** Events this machine wrote, after journal position `afterSeq`, in journal order. */
  ownEvents(afterSeq: number, limit: number): { seq: number; event: EventEntry }[];
  /** How many events this machine wrote after journal position `afterSeq` (for progress). */
  countOwnEvents(afterSeq: number): number;
  /** The current states of these records (absent ones are left out), keyed `kind:id`. */
  states(keys: readonly { kind: SyncKind; id: string }[]): Map<string, RecordState>;
  /** Writes merged states, in one transaction; the store's clock observes their stamps. */
  applyRecords(entries: readonly SyncEntry[]): void;
  /** Inserts the events not yet here (by id, or by session and source reference). */
  applyEvents(events: readonly EventEntry[]): { inserted: number; skipped: number };
  /** A user's choice for one field: written as a new local edit, stamped now. */
  writeField(kind: SyncKind, id: string, field: string, value: JsonValue): void;
  addConflicts(conflicts: readonly NewSyncConflict[]): void;
  conflicts(filter?: { open?: boolean; recordId?: string }): SyncConflict[];
  settleConflict(id: string, resolution: string): void;
  /** Deletions this machine made (by `baton forget`), after `afterSeq`, in order. */
  ownTombstones(afterSeq: number, limit: number): { seq: number; tombstone: SyncTombstone }[];
  /** Removes what other machines forgot (sessions with their events and checkpoints), for good. */
  applyTombstones(tombstones: readonly SyncTombstone[]): { removed: number };
  /** Checkpoints this machine wrote or rewrote, stamped after `afterHlc`, oldest first. */
  ownCheckpoints(afterHlc: string, limit: number): CheckpointEntry[];
  /** Writes checkpoints from other machines (a newer stamp replaces an older one). */
  applyCheckpoints(checkpoints: readonly CheckpointEntry[]): { written: number };
  position(target: string, direction: string): string | null;
  setPosition(target: string, direction: string, position: string): void;
}
