// Sealed versioned entries: how small named things a user chose to sync (a file of the home
// folder, an agent's MCP server entry) travel between machines. Each machine pushes a version of an
// entry — its content hash, what the kind carries, a stamp from a hybrid logical clock, and a
// seen-clock: per machine, the newest version the writer had taken or kept when it wrote. The
// version is sealed under an id that is a keyed hash of the entry's name, so the server learns
// neither. Locally three settings keep the entry kind's memory: `<setting>.state` (per entry, the
// hash last synced here and the seen-clock), `<setting>.remote` (per entry and machine, the newest
// version pulled or pushed) and `<setting>.conflicts` (entries held until the user chooses: nothing
// of them is pushed meanwhile). What an entry is, and how a version is applied to the machine,
// stay with each kind (files/, mcp/); the seen-clock helpers here serve their reconciles.
import { createHmac } from 'node:crypto';
import { HybridLogicalClock } from '../../core/index.js';
import type { JsonObject } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { SealedRecord, SyncTarget } from '../sync-target.js';
import { open, seal } from '../vault-crypto.js';

/** Per machine, the stamp (HLC) of the newest of its versions taken or kept. */
export type SeenClock = Record<string, string>;

export interface EntryVersion extends JsonObject {
  hash: string;
  seen: SeenClock;
  hlc: string;
  machine: string;
}

export interface EntryState extends JsonObject {
  /** The content hash last synced here (pushed or taken). */
  hash: string;
  seen: SeenClock;
}

/** Per entry key, per machine: the newest version known here. */
export type RemoteVersions<V> = Record<string, Record<string, V>>;

export interface EntriesWorld {
  store: Store;
  target: SyncTarget;
  key: Buffer;
  vault: string;
  machine: string;
}

/** What one entry looks like here now, offered to a push. */
export interface EntryDraft<V extends EntryVersion> {
  key: string;
  hash: string;
  /** What the version carries besides its hash, seen-clock, stamp and writer. */
  fields: Omit<V, 'hash' | 'seen' | 'hlc' | 'machine'>;
  /** Records sent with the version (a file's content), sealed only when the version is sent. */
  alongside?: () => SealedRecord[];
}

export interface EntryKind<V extends EntryVersion, S extends EntryState> {
  /** The records' kind on the server ('file', 'mcp'), also the prefix of their ids. */
  kind: string;
  /** The settings' prefix ('sync.files'). */
  setting: string;
  /** The entry a version is of: its key in the settings. */
  keyOf(v: V): string;
  /** The names the record id is a keyed hash of. */
  idParts(v: V): string[];
  /** A new entry's state. */
  blank(): S;
  /** Whether a pulled version is noted at all (default: every one). */
  accepts?(v: V): boolean;
}

/** A server id for `parts` of a kind: `<kind>:` and a keyed hash, so the names stay here. */
export function sealedId(key: Buffer, kind: string, ...parts: string[]): string {
  const mac = createHmac('sha256', key).update([kind, ...parts].join('\0'));
  return `${kind}:${mac.digest('base64url').slice(0, 32)}`;
}

/** Whether the stamp `a` (absent: never) is at or past `b`. */
export const newer = (a: string | undefined, b: string): boolean => (a ?? '') >= b;

/** The later stamp of each machine in either clock. */
export function joinSeen(a: SeenClock, b: SeenClock): SeenClock {
  const out = { ...a };
  for (const [m, h] of Object.entries(b)) if (!newer(out[m], h)) out[m] = h;
  return out;
}

/** `seen` after taking (or keeping) version `v`: everything it had seen, and itself. */
export const takeSeen = (seen: SeenClock, v: EntryVersion): SeenClock =>
  joinSeen(joinSeen(seen, v.seen), { [v.machine]: v.hlc });

/** Versions sorted newest first by stamp. */
export const newestFirst = <V extends EntryVersion>(versions: Iterable<V>): V[] =>
  [...versions].sort((a, b) => (a.hlc < b.hlc ? 1 : -1));

export class SealedEntries<
  V extends EntryVersion,
  S extends EntryState,
  C extends JsonObject = JsonObject,
> {
  private readonly keys: { state: string; remote: string; conflicts: string };

  constructor(private readonly spec: EntryKind<V, S>) {
    const s = spec.setting;
    this.keys = { state: `${s}.state`, remote: `${s}.remote`, conflicts: `${s}.conflicts` };
  }

  /** A new entry's state. */
  blank(): S {
    return this.spec.blank();
  }

  states(store: Store): Record<string, S> {
    return (store.getSetting(this.keys.state) as Record<string, S> | undefined) ?? {};
  }

  remote(store: Store): RemoteVersions<V> {
    return (store.getSetting(this.keys.remote) as RemoteVersions<V> | undefined) ?? {};
  }

  conflicts(store: Store): Record<string, C> {
    return (store.getSetting(this.keys.conflicts) as Record<string, C> | undefined) ?? {};
  }

  /** Writes the states, and the conflicts when given, in one transaction. */
  save(store: Store, states: Record<string, S>, conflicts?: Record<string, C>): void {
    store.transaction(() => {
      store.setSetting(this.keys.state, states);
      if (conflicts) store.setSetting(this.keys.conflicts, conflicts);
    });
  }

  /**
   * Sends a version of each draft whose hash differs from the one last synced here, unless the
   * entry is held as a conflict; notes what was sent once the target has it. Returns how many.
   */
  async push(w: EntriesWorld, drafts: Iterable<EntryDraft<V>>): Promise<number> {
    const { store, key, vault } = w;
    const states = this.states(store);
    const conflicts = this.conflicts(store);
    const clock = new HybridLogicalClock(w.machine);
    for (const versions of Object.values(this.remote(store))) {
      for (const v of Object.values(versions)) clock.observe(v.hlc);
    }
    for (const s of Object.values(states)) for (const h of Object.values(s.seen)) clock.observe(h);
    const records: SealedRecord[] = [];
    const sent: V[] = [];
    for (const d of drafts) {
      // Held as a conflict: nothing goes out until the user chose.
      if (conflicts[d.key] || states[d.key]?.hash === d.hash) continue;
      const version = {
        ...d.fields,
        hash: d.hash,
        seen: states[d.key]?.seen ?? {},
        hlc: clock.tick(),
        machine: w.machine,
      } as V;
      const id = sealedId(key, this.spec.kind, ...this.spec.idParts(version));
      records.push(...(d.alongside?.() ?? []), {
        id,
        machine: w.machine,
        kind: this.spec.kind,
        hlc: version.hlc,
        tombstone: false,
        ciphertext: seal(
          key,
          { vault, kind: this.spec.kind, id },
          Buffer.from(JSON.stringify(version)),
        ),
      });
      sent.push(version);
    }
    if (records.length === 0) return 0;
    await w.target.push(records);
    store.transaction(() => {
      const now = this.states(store);
      const all = this.remote(store);
      for (const v of sent) {
        const k = this.spec.keyOf(v);
        const seen = joinSeen(now[k]?.seen ?? {}, { [v.machine]: v.hlc });
        now[k] = { ...(now[k] ?? this.spec.blank()), hash: v.hash, seen };
        all[k] = { ...all[k], [v.machine]: v };
      }
      store.setSetting(this.keys.state, now);
      store.setSetting(this.keys.remote, all);
    });
    return sent.length;
  }

  /** Opens pulled versions and notes the newest of each machine (in the pull's transaction). */
  notePulled(
    store: Store,
    key: Buffer,
    vault: string,
    rows: readonly { id: string; ciphertext: Buffer }[],
  ): void {
    if (rows.length === 0) return;
    const all = this.remote(store);
    for (const r of rows) {
      const sealed = open(key, { vault, kind: this.spec.kind, id: r.id }, r.ciphertext);
      const v = JSON.parse(sealed.toString()) as V;
      if (this.spec.accepts && !this.spec.accepts(v)) continue;
      const k = this.spec.keyOf(v);
      const held = all[k]?.[v.machine];
      if (!held || held.hlc < v.hlc) all[k] = { ...all[k], [v.machine]: v };
    }
    store.setSetting(this.keys.remote, all);
  }
}
