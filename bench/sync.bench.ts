// `baton sync` push and pull of a store's events through a vault on a real PostgreSQL (sealed,
// batched, positions committed per batch), beside a plain COPY of rows of the same shape and size
// into a plain table. Uses BATON_TEST_PG_URL, else starts the embedded test server.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { SqliteStore } from '../src/store/index.js';
import { PostgresSyncTarget, SyncEngine, generateKey, keyCheck } from '../src/sync/index.js';
import { startEmbeddedServer } from '../src/sync/postgres/testing/embedded-server.js';
import type { Benchmark } from './harness.js';

const EVENTS = Number(process.env.BATON_BENCH_SYNC_EVENTS ?? 1_000_000);
const TARGET = 20_000;

function seed(store: SqliteStore): void {
  const project = store.projects.ensure({
    key: 'bench',
    root: '/bench',
    remoteUrl: null,
    name: 'b',
  });
  const session = store.sessions.start({ agent: 'claude-code', projectId: project.id });
  for (let done = 0; done < EVENTS; done += 10_000) {
    const n = Math.min(10_000, EVENTS - done);
    store.events.append(
      Array.from({ length: n }, (_, i) => ({
        sessionId: session.id,
        kind: 'assistant_message' as const,
        // A random tail no compression removes: packs are deflated, and real events differ.
        text: `step ${done + i}: edited src/app.ts and ran the tests, all green this time ${randomBytes(24).toString('base64')}`,
        source: 'import' as const,
      })),
    );
  }
}

/** COPY of EVENTS rows shaped like the vault's (id, machine, kind, hlc, size, seq, 200 bytes). */
async function plainCopy(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE TEMP TABLE plain (id text, machine text, kind text, hlc text, size int,
    seq bigint, body bytea)`);
  const body = '\\\\x' + 'ab'.repeat(200);
  const rows = function* () {
    for (let i = 0; i < EVENTS; i++) {
      yield `event:${i}\tmachine\tevent\t0000000${i}-0000-m\t200\t${i}\t${body}\n`;
    }
  };
  const started = performance.now();
  await pipeline(Readable.from(rows()), c.query(copyFrom('COPY plain FROM STDIN')));
  const secs = (performance.now() - started) / 1000;
  await c.end();
  return EVENTS / secs;
}

const bench: Benchmark = {
  name: 'sync',
  async run() {
    const server = process.env.BATON_TEST_PG_URL ? null : await startEmbeddedServer();
    const url = process.env.BATON_TEST_PG_URL ?? server!.url;
    const dir = mkdtempSync(join(tmpdir(), 'baton-sync-bench-'));
    const vault = `bench_${Date.now().toString(36)}`;
    const key = generateKey();
    const a = SqliteStore.open({ path: join(dir, 'a.db') });
    const b = SqliteStore.open({ path: join(dir, 'b.db') });
    try {
      let started = performance.now();
      seed(a);
      // The store's own write of the same events: the most a pull (which writes them) can reach.
      const append = EVENTS / ((performance.now() - started) / 1000);
      const ta = await PostgresSyncTarget.connect(url, vault);
      await ta.createVault({ name: vault, keyCheck: keyCheck(key, vault), kdf: null });
      const tb = await PostgresSyncTarget.connect(url, vault);
      const engine = (store: SqliteStore, target: PostgresSyncTarget) =>
        new SyncEngine({ store, target, key, vault, remoteName: vault, batchSize: 5000 });
      started = performance.now();
      await engine(a, ta).push();
      const push = EVENTS / ((performance.now() - started) / 1000);
      started = performance.now();
      await engine(b, tb).pull();
      const pull = EVENTS / ((performance.now() - started) / 1000);
      const copy = await plainCopy(url);
      await ta.close();
      await tb.close();
      const n = EVENTS.toLocaleString('en-US');
      const figure = (metric: string, value: number) => ({
        metric,
        value,
        unit: 'events/s',
        baseline: `COPY of ${n} rows of the same shape`,
        baselineValue: copy,
        baselineUnit: 'rows/s',
        target: `≥ ${TARGET.toLocaleString('en-US')} events/s`,
        met: value >= TARGET,
      });
      return [
        figure(`sync push, ${n} events, sealed 500 a row, batches of 5,000`, push),
        figure(`sync pull, ${n} events, opened and applied`, pull),
        (({ met: _met, ...f }) => ({ ...f, target: '—' }))(
          figure(`store append of the same ${n} events, no sync (pull's ceiling)`, append),
        ),
      ];
    } finally {
      a.close();
      b.close();
      rmSync(dir, { recursive: true, force: true });
      await server?.stop();
    }
  },
};

export default bench;
