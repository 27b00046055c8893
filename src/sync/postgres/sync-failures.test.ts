// Pins what goes wrong safely: a wrong key or an altered record stops a pull before anything is
// written; a push or pull cut part-way and run again converges with no duplicates; a connection
// the server drops gives one clear line and a retry works; a member of one vault cannot read or
// write another.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BatonError } from '../../core/index.js';
import type { SyncTarget } from '../sync-target.js';
import { generateKey } from '../vault-key.js';
import { PostgresSyncTarget } from './postgres-sync-target.js';
import { memberRole } from './vault-schema.js';
import { createTestDatabase, testServerUrl } from './testing/test-database.js';
import type { TestDatabase } from './testing/test-database.js';
import { seedSession, syncFixture } from './testing/sync-fixture.js';
import type { SyncFixture } from './testing/sync-fixture.js';

const server = testServerUrl();

/** A target that fails its `n`th push or pull, as a cut connection would. */
function cutAfter(target: SyncTarget, n: number): SyncTarget {
  let calls = 0;
  const cut = () => {
    calls += 1;
    if (calls === n) throw new BatonError('IO', 'cut');
  };
  return Object.assign(Object.create(target) as SyncTarget, {
    push: (r: Parameters<SyncTarget['push']>[0]) => (cut(), target.push(r)),
    pull: (a: number, l: number, m: string, b?: number) => (cut(), target.pull(a, l, m, b)),
  });
}

async function adminQuery(url: string, sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return await c.query(sql, params);
  } finally {
    await c.end();
  }
}

describe.skipIf(!server)('sync failures through PostgreSQL', () => {
  let db: TestDatabase;
  let fx: SyncFixture;

  beforeAll(async () => {
    db = await createTestDatabase(server!);
  });
  afterEach(async () => {
    await fx.close();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('refuses a wrong key before writing anything', async () => {
    fx = await syncFixture(db.url);
    const a = fx.store('a');
    seedSession(a, 3);
    await fx.engine(a, await fx.target()).push();
    const b = fx.store('b');
    const wrong = fx.engine(b, await fx.target(), { key: generateKey() });
    await expect(wrong.pull()).rejects.toThrow(/does not open vault/);
    expect(b.events.count()).toBe(0);
  });

  it('rejects an altered record and keeps the pull position where it was', async () => {
    fx = await syncFixture(db.url);
    const a = fx.store('a');
    seedSession(a, 3);
    await fx.engine(a, await fx.target()).push();
    await adminQuery(
      db.url,
      `UPDATE baton.records SET ciphertext = set_byte(ciphertext, 20, get_byte(ciphertext, 20) # 1)
       WHERE vault = $1 AND kind = 'events' AND id = (SELECT min(id) FROM baton.records
         WHERE vault = $1 AND kind = 'events')`,
      [fx.vault],
    );
    const b = fx.store('b');
    const eb = fx.engine(b, await fx.target());
    await expect(eb.pull()).rejects.toThrow(/failed authentication/);
    expect(b.events.count()).toBe(0);
    expect(b.sync.position(`test/${fx.vault}`, 'pull')).toBeNull();
  });

  it('converges with no duplicates after a push and a pull cut part-way', async () => {
    fx = await syncFixture(db.url);
    const a = fx.store('a');
    const { session } = seedSession(a, 95);
    const ta = await fx.target();
    await expect(fx.engine(a, cutAfter(ta, 4), { batchSize: 10 }).push()).rejects.toThrow('cut');
    await fx.engine(a, ta, { batchSize: 10 }).push();
    const b = fx.store('b');
    const tb = await fx.target();
    await expect(fx.engine(b, cutAfter(tb, 3), { batchSize: 10 }).pull()).rejects.toThrow('cut');
    expect(b.events.count()).toBeGreaterThan(0);
    await fx.engine(b, tb, { batchSize: 10 }).pull();
    expect(b.events.count({ sessionId: session.id })).toBe(95);
    expect(b.sessions.get(session.id)?.eventCount).toBe(95);
    const server = await adminQuery(
      db.url,
      // Events travel in packs listing their ids: every event listed once.
      "SELECT count(*)::int AS n FROM baton.records, unnest(ids) WHERE vault = $1 AND kind = 'events'",
      [fx.vault],
    );
    expect((server.rows[0] as { n: number }).n).toBe(95);
  });

  it('reports a connection the server drops in one line, and a retry works', async () => {
    fx = await syncFixture(db.url);
    const a = fx.store('a');
    seedSession(a, 5);
    const target = await fx.target();
    await adminQuery(
      db.url,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const error = await fx
      .engine(a, target)
      .push()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(BatonError);
    expect((error as BatonError).message).toMatch(/closed the connection|terminat/);
    expect((error as BatonError).message).not.toContain('\n');
    expect((await fx.engine(a, await fx.target()).push()).events).toBe(5);
  });

  it('lets a member role reach its own vault only', async () => {
    fx = await syncFixture(db.url);
    const other = await syncFixture(db.url);
    const role = `m_${fx.vault}`;
    await adminQuery(db.url, `CREATE ROLE ${role} LOGIN PASSWORD 'pw'`);
    await adminQuery(db.url, `GRANT ${memberRole(fx.vault)} TO ${role}`);
    const o = other.store('o');
    seedSession(o, 4);
    await other.engine(o, await other.target()).push();

    const u = new URL(db.url);
    u.username = role;
    u.password = 'pw';
    const mine = await PostgresSyncTarget.connect(u.toString(), fx.vault);
    const a = fx.store('a');
    seedSession(a, 2);
    await fx.engine(a, mine).push();
    expect((await mine.pull(0, 100, 'nobody')).length).toBeGreaterThan(0);

    const c = new pg.Client({ connectionString: u.toString() });
    await c.connect();
    const seen = await c.query('SELECT DISTINCT vault FROM baton.records');
    expect(seen.rows).toEqual([{ vault: fx.vault }]);
    await expect(
      c.query(
        `INSERT INTO baton.records (vault, id, machine, kind, hlc, size, seq, ciphertext)
         VALUES ($1, 'x', 'm', 'event', 'h', 1, 1, '\\x00')`,
        [other.vault],
      ),
    ).rejects.toThrow(/row-level security|violates/);
    await expect(c.query('DELETE FROM baton.vaults')).rejects.toThrow(/permission denied/);
    await c.end();
    const theirs = await PostgresSyncTarget.connect(u.toString(), other.vault);
    expect(await theirs.vault()).toBeNull();
    await theirs.close();
    await mine.close();
    await other.close();
  });
});
