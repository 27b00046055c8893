// A pulled batch, opened: every record is authenticated and decoded before anything is written,
// and sorted by what it is — mergeable records and events, checkpoints, tombstones, file versions.
import type { JsonObject } from '../core/index.js';
import type { CheckpointEntry, EventEntry, SyncEntry, SyncTombstone } from '../store/index.js';
import type { PulledItem } from './pull-plan.js';
import type { PulledRecord } from './sync-target.js';
import { open } from './vault-crypto.js';
import { openPack } from './push-streams.js';

export interface OpenedBatch {
  items: PulledItem[];
  checkpoints: CheckpointEntry[];
  tombstones: SyncTombstone[];
  /** File versions, still sealed: they are opened where they are noted. */
  files: PulledRecord[];
  /** MCP server entry versions, still sealed, likewise. */
  mcp: PulledRecord[];
}

export function openBatch(key: Buffer, vault: string, rows: readonly PulledRecord[]): OpenedBatch {
  const items: PulledItem[] = [];
  const checkpoints: CheckpointEntry[] = [];
  const tombstones: SyncTombstone[] = [];
  const files: PulledRecord[] = [];
  const mcp: PulledRecord[] = [];
  for (const r of rows) {
    if (r.kind === 'file' || r.kind === 'mcp') {
      (r.kind === 'file' ? files : mcp).push(r);
      continue;
    }
    if (r.kind === 'events') {
      for (const event of openPack(key, vault, r)) items.push({ type: 'event', event });
      continue;
    }
    const body = JSON.parse(
      open(key, { vault, kind: r.kind, id: r.id }, r.ciphertext).toString('utf8'),
    ) as JsonObject;
    if (r.tombstone && body.tombstone) tombstones.push(body.tombstone as unknown as SyncTombstone);
    else if (r.kind === 'event')
      items.push({ type: 'event', event: body as unknown as EventEntry });
    else if (r.kind === 'checkpoint') checkpoints.push(body as unknown as CheckpointEntry);
    else items.push({ type: 'record', entry: body as unknown as SyncEntry });
  }
  return { items, checkpoints, tombstones, files, mcp };
}
