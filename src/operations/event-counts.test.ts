// Pins the events per kind the store keeps as it writes (migration 012), which the doctor's
// `contents` check reads instead of counting every event: after appends, an Events JSONL import
// (on its worker, through the bulk insert), a re-import that adds nothing, forget by text, by
// session and by age, a backup restored over a store that grew since, and an upgrade from a
// store that had no such table, the kept counts equal a count of the events table itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importEvents } from '../capture/index.js';
import { fixedClock } from '../core/index.js';
import { runDoctor } from '../doctor/index.js';
import { eventLineV1 } from '../schemas/index.js';
import { Database, SqliteStore, restoreBackup, storePath } from '../store/index.js';
import type { EventInput, Store } from '../store/index.js';
import { diagnosticChecks } from './diagnostics.js';

const T0 = Date.parse('2026-03-04T05:06:07.000Z');
let home: string;
let path: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'baton-counts-'));
  path = storePath(home);
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const open = (migrateTo?: number) =>
  SqliteStore.open({ path, clock: fixedClock(T0, 7), ...(migrateTo && { migrateTo }) });

/** The events table counted, kind by kind: what the kept counts must say. */
function counted(file = path): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT kind, count(*) AS n FROM events GROUP BY kind').all() as {
      kind: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  } finally {
    db.close();
  }
}

const kept = (store: Store) =>
  Object.fromEntries(store.stats.eventsByKind().map((k) => [k.kind, k.n]));

const KINDS = ['user_message', 'assistant_message', 'tool_call', 'error'] as const;

function appendSome(store: Store, sessionId: string, n: number, from: number, word = 'plain') {
  const batch: EventInput[] = [];
  for (let i = from; i < from + n; i += 1) {
    batch.push({
      sessionId,
      ts: T0 + i * 1000,
      kind: KINDS[i % KINDS.length]!,
      text: `${word} event ${i}`,
      source: 'hook',
      ref: `r${i}`,
    });
  }
  store.events.append(batch);
}

function jsonl(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i += 1) {
    lines.push(
      JSON.stringify({
        session: `imported-${i % 3}`,
        agent: 'codex',
        project: 'app',
        ts: new Date(T0 + i * 1000).toISOString(),
        kind: i % 5 === 0 ? 'command' : KINDS[i % KINDS.length],
        text: `imported line ${i}`,
        ref: `line-${i}`,
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('events per kind, kept as they are written', () => {
  it('stay equal to the events table across import, forget and a restored backup', async () => {
    let store = open();
    const s = store.sessions.start({ agent: 'cli' });
    appendSome(store, s.id, 40, 0);
    expect(kept(store)).toEqual(counted());

    // An Events JSONL import, its lines prepared on the worker and bulk-inserted.
    const text = jsonl(3000);
    const first = await importEvents(store, Readable.from([text]), { schema: eventLineV1 });
    expect(first.imported).toBe(3000);
    expect(kept(store)).toEqual(counted());
    expect(kept(store).command).toBe(600);
    // The same lines again add nothing, and nothing is counted twice.
    const again = await importEvents(store, Readable.from([text]), { schema: eventLineV1 });
    expect(again.imported).toBe(0);
    expect(kept(store)).toEqual(counted());

    // A backup, then more events: restoring the backup brings its own counts back with it.
    const backup = join(home, 'before.db');
    await store.maintenance.backup(backup);
    const atBackup = counted();
    appendSome(store, s.id, 25, 1000, 'later');

    // Forget by text, by session, and by age (retention's prune).
    const byText = store.maintenance.forget({ match: 'plain event 1' });
    expect(byText.events).toBeGreaterThan(0);
    expect(kept(store)).toEqual(counted());
    const other = store.sessions.findByAgentId('codex', 'imported-1')!;
    expect(store.maintenance.forget({ sessionId: other.id }).events).toBe(1000);
    expect(kept(store)).toEqual(counted());
    store.maintenance.forget({ before: T0 + 2000 * 1000 }, { action: 'prune' });
    expect(kept(store)).toEqual(counted());
    // A kind whose every event is gone is not listed.
    store.maintenance.forget({ match: 'later event' });
    store.maintenance.forget({ match: 'imported line' });
    expect(Object.keys(kept(store)).sort()).toEqual(Object.keys(counted()).sort());
    expect(kept(store)).toEqual(counted());

    store.close();
    restoreBackup(backup, path, T0 + 5000);
    store = open();
    expect(kept(store)).toEqual(atBackup);
    expect(kept(store)).toEqual(counted());

    // The doctor's `contents` reads them: its total is the events table's.
    const ctx = {
      store,
      storeError: null,
      storePath: path,
      home,
      now: T0,
      env: {},
      cwd: home,
      thorough: false,
    };
    const results = await runDoctor(ctx, diagnosticChecks(null));
    const contents = results.find((r) => r.id === 'contents')!;
    const total = Object.values(atBackup).reduce((a, b) => a + b, 0);
    expect(contents.data).toMatchObject({ events: total, eventsByKind: atBackup });
    expect(results.find((r) => r.id === 'integrity')).toMatchObject({ status: 'ok' });
    store.close();
  });

  it('are counted once when an older store is upgraded', () => {
    let store = open(10);
    const s = store.sessions.start({ agent: 'cli' });
    appendSome(store, s.id, 50, 0);
    expect(kept(store)).toEqual(counted());
    store.close();
    store = open();
    expect(store.info.schemaVersion).toBeGreaterThanOrEqual(12);
    expect(kept(store)).toEqual(counted());
    appendSome(store, s.id, 10, 100);
    expect(kept(store)).toEqual(counted());
    expect(Object.values(kept(store)).reduce((a, b) => a + b, 0)).toBe(60);
    store.close();
  });
});
