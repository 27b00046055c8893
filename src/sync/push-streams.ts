// What a push sends after the mutable records: append-only streams read from the store after a
// position of their own — this machine's events, its checkpoints, and the tombstones of what it
// forgot — each batch sealed, and the position moved only once the batch is on the server.
import { createHmac } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { EventEntry, Store } from '../store/index.js';
import type { SealedRecord } from './sync-target.js';
import { open, seal } from './vault-crypto.js';

export interface SealedBatch {
  sealed: SealedRecord[];
  /** How many of the stream's items the batch carries (a pack carries many events). */
  count: number;
  /** The stream's position after this batch. */
  last: string;
}

/**
 * Events sealed per server row. One row per event made the server's per-row work (index entries,
 * a change number, the row-level-security check) the cost of a push and a pull; a pack of a few
 * hundred makes it negligible, and a retried batch packs the same events under the same ids.
 */
export const EVENTS_PER_PACK = 500;

export interface PushStream {
  phase: 'push-events' | 'push-checkpoints' | 'push-tombstones';
  /** The position a stream starts from when nothing was pushed yet. */
  start: string;
  next(after: string, limit: number): SealedBatch | null;
}

export interface Sealer {
  store: Store;
  key: Buffer;
  vault: string;
  machine: string;
}

const toBytes = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

/**
 * A record's id on the server. Events and checkpoints have random ids; other ids can carry names
 * (a project's key is its repository, a fact's id its key), so they are keyed hashes, which every
 * machine with the vault key computes alike.
 */
export function remoteId(key: Buffer, kind: string, id: string): string {
  if (kind === 'event' || kind === 'checkpoint') return `${kind}:${id}`;
  const mac = createHmac('sha256', key).update(`${kind}\0${id}`);
  return `${kind}:${mac.digest('base64url').slice(0, 32)}`;
}

function sealed(
  s: Sealer,
  kind: string,
  id: string,
  machine: string,
  hlc: string,
  body: unknown,
  tombstone = false,
): SealedRecord {
  const ciphertext = seal(s.key, { vault: s.vault, kind, id }, toBytes(body));
  return { id, machine, kind, hlc, tombstone, ciphertext };
}

/**
 * A run of this machine's events as one sealed row. Its id comes from the first event's local
 * position, so a batch sent again after a cut replaces its own rows instead of adding copies; its
 * clock is the newest event's, so the longer version of a grown pack wins.
 */
function packEvents(s: Sealer, rows: readonly { seq: number; event: EventEntry }[]): SealedRecord {
  const id = remoteId(s.key, 'events', `${s.machine}:${rows[0]!.seq}`);
  let hlc = '';
  for (const r of rows) if (r.event.hlc > hlc) hlc = r.event.hlc;
  return sealPack(
    s,
    id,
    s.machine,
    hlc,
    rows.map((r) => r.event),
  );
}

/**
 * A pack's JSON is compressed before it is sealed: events repeat their keys and session ids, so
 * a pack shrinks several times, and the bytes the server writes and sends are what push and pull
 * wait on. (Sizes were visible to the server before; a pack's size says less than an event's.)
 */
function sealPack(
  s: Sealer,
  id: string,
  machine: string,
  hlc: string,
  events: readonly EventEntry[],
): SealedRecord {
  const body = deflateRawSync(toBytes({ events }), { level: 1 });
  const ciphertext = seal(s.key, { vault: s.vault, kind: 'events', id }, body);
  const ids = events.map((e) => remoteId(s.key, 'event', e.id));
  return { id, machine, kind: 'events', hlc, tombstone: false, ciphertext, ids };
}

/** The events of a sealed pack. */
export function openPack(key: Buffer, vault: string, row: SealedRecord): EventEntry[] {
  const body = inflateRawSync(open(key, { vault, kind: row.kind, id: row.id }, row.ciphertext));
  return (JSON.parse(body.toString('utf8')) as { events: EventEntry[] }).events;
}

/** A pack sealed again without the events `gone` names (their server ids), for `forget`. */
export function resealPack(
  s: Sealer,
  row: SealedRecord,
  gone: ReadonlySet<string>,
  hlc: string,
): SealedRecord {
  const events = openPack(s.key, s.vault, row).filter(
    (e) => !gone.has(remoteId(s.key, 'event', e.id)),
  );
  return sealPack(s, row.id, row.machine, hlc, events);
}

export function pushStreams(s: Sealer): PushStream[] {
  const { sync } = s.store;
  return [
    {
      phase: 'push-events',
      start: '0',
      next: (after, limit) => {
        const rows = sync.ownEvents(Number(after), limit);
        if (rows.length === 0) return null;
        const packs: SealedRecord[] = [];
        for (let i = 0; i < rows.length; i += EVENTS_PER_PACK) {
          packs.push(packEvents(s, rows.slice(i, i + EVENTS_PER_PACK)));
        }
        return { sealed: packs, count: rows.length, last: String(rows.at(-1)!.seq) };
      },
    },
    {
      // One version per checkpoint (machine ''): a rewrite by `forget` replaces the text on the
      // server instead of leaving the old version beside it.
      phase: 'push-checkpoints',
      start: '',
      next: (after, limit) => {
        const rows = sync.ownCheckpoints(after, limit);
        if (rows.length === 0) return null;
        return {
          sealed: rows.map((c) =>
            sealed(s, 'checkpoint', remoteId(s.key, 'checkpoint', c.id), '', c.hlc, c),
          ),
          count: rows.length,
          last: rows.at(-1)!.hlc,
        };
      },
    },
    {
      phase: 'push-tombstones',
      start: '0',
      next: (after, limit) => {
        const rows = sync.ownTombstones(Number(after), limit);
        if (rows.length === 0) return null;
        return {
          sealed: rows.map(({ tombstone: t }) =>
            sealed(
              s,
              t.kind,
              remoteId(s.key, t.kind, t.id),
              s.machine,
              t.hlc,
              { tombstone: t },
              true,
            ),
          ),
          count: rows.length,
          last: String(rows.at(-1)!.seq),
        };
      },
    },
  ];
}
