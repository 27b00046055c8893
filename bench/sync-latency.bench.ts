// Auto-sync latency: one event written on store A, the time until it is visible in store B, each
// store running the daemon's auto-sync against a vault on a real PostgreSQL (median of 15 writes).
// Baseline in the same run: one plain INSERT on one connection, seen by a second connection
// polling with SELECT at the same pace the test polls store B — the floor any sync through this
// server could reach. Uses BATON_TEST_PG_URL, else starts the embedded test server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SqliteStore } from '../src/store/index.js';
import {
  PostgresSyncTarget,
  SYNC_SETTING,
  generateKey,
  keyCheck,
  startAutoSync,
  syncKeyPath,
  writeKeyFile,
} from '../src/sync/index.js';
import { startEmbeddedServer } from '../src/sync/postgres/testing/embedded-server.js';
import type { Benchmark } from './harness.js';
import { median } from './harness.js';

const WRITES = 15;
const POLL_MS = 2;
const TARGET_MS = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  const limit = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > limit) throw new Error('never became visible');
    await sleep(POLL_MS);
  }
}

async function plainLatency(url: string): Promise<number> {
  const w = new pg.Client({ connectionString: url });
  const r = new pg.Client({ connectionString: url });
  await w.connect();
  await r.connect();
  await w.query('CREATE TABLE IF NOT EXISTS bench_latency (n int)');
  const times: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const n = Date.now() + i;
    const started = performance.now();
    await w.query('INSERT INTO bench_latency VALUES ($1)', [n % 2 ** 31]);
    await until(async () => {
      const got = await r.query('SELECT 1 FROM bench_latency WHERE n = $1', [n % 2 ** 31]);
      return got.rowCount === 1;
    });
    times.push(performance.now() - started);
  }
  await w.query('DROP TABLE bench_latency');
  await w.end();
  await r.end();
  return median(times);
}

const bench: Benchmark = {
  name: 'sync-latency',
  async run() {
    const server = process.env.BATON_TEST_PG_URL ? null : await startEmbeddedServer();
    const url = process.env.BATON_TEST_PG_URL ?? server!.url;
    const dir = mkdtempSync(join(tmpdir(), 'baton-sync-latency-'));
    const vault = `lat_${Date.now().toString(36)}`;
    const key = generateKey();
    const admin = await PostgresSyncTarget.connect(url, vault);
    await admin.createVault({ name: vault, keyCheck: keyCheck(key, vault), kdf: null });
    await admin.close();
    const machine = (name: string) => {
      const home = join(dir, name);
      const store = SqliteStore.open({ path: join(dir, `${name}.db`) });
      writeKeyFile(syncKeyPath(home, vault), key);
      store.setSetting(SYNC_SETTING, { remote: url, vault });
      const auto = startAutoSync({ store, home, env: {}, log: () => undefined })!;
      return { store, auto };
    };
    const a = machine('a');
    const b = machine('b');
    try {
      const project = a.store.projects.ensure({
        key: 'lat',
        root: '/l',
        remoteUrl: null,
        name: 'l',
      });
      const session = a.store.sessions.start({ agent: 'claude-code', projectId: project.id });
      const times: number[] = [];
      for (let i = 0; i < WRITES; i++) {
        // Writes land at random moments of the auto-sync's cadence, as real ones do.
        await sleep(100 + Math.random() * 400);
        const started = performance.now();
        const { seqs } = a.store.events.append([
          { sessionId: session.id, kind: 'note', text: `write ${i}`, source: 'cli' },
        ]);
        const id = a.store.events.get(seqs[0]!)!.id;
        await until(() => b.store.events.get(id) !== null);
        times.push(performance.now() - started);
      }
      const baseline = await plainLatency(url);
      const value = median(times);
      return [
        {
          metric: `auto-sync: an event written on A visible on B, median of ${WRITES}`,
          value,
          unit: 'ms',
          baseline: 'plain INSERT seen by a polling SELECT on another connection',
          baselineValue: baseline,
          baselineUnit: 'ms',
          target: `≤ ${TARGET_MS.toLocaleString('en-US')} ms`,
          met: value <= TARGET_MS,
        },
      ];
    } finally {
      await a.auto.stop();
      await b.auto.stop();
      a.store.close();
      b.store.close();
      rmSync(dir, { recursive: true, force: true });
      await server?.stop();
    }
  },
};

export default bench;
