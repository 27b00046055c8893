// What a push sends after the mutable records: append-only streams read from the store after a
// position of their own — this machine's events, its checkpoints, and the tombstones of what it
// forgot — each batch sealed, and the position moved only once the batch is on the server.
import { createHmac } from 'node:crypto';
import type { Store } from '../store/index.js';
import type { SealedRecord } from './sync-target.js';
import { seal } from './vault-crypto.js';

export interface SealedBatch {
  sealed: SealedRecord[];
  /** The stream's position after this batch. */
  last: string;
}

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

export function pushStreams(s: Sealer): PushStream[] {
  const { sync } = s.store;
  return [
    {
      phase: 'push-events',
      start: '0',
      next: (after, limit) => {
        const rows = sync.ownEvents(Number(after), limit);
        if (rows.length === 0) return null;
        return {
          sealed: rows.map(({ event }) =>
            sealed(s, 'event', remoteId(s.key, 'event', event.id), s.machine, event.hlc, event),
          ),
          last: String(rows.at(-1)!.seq),
        };
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
          last: String(rows.at(-1)!.seq),
        };
      },
    },
  ];
}
