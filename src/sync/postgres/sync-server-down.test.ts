// Pins what a dead server costs: nothing. A server of its own (so the other suites keep theirs) is
// stopped at once in the middle of a push, then of a pull: each reports one clear line, a retry
// while it is down says it cannot reach it, and once it is back the same push and pull finish
// with every event on both sides exactly once.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatonError } from '../../core/index.js';
import type { SyncTarget } from '../sync-target.js';
import { startEmbeddedServer } from './testing/embedded-server.js';
import type { TestServer } from './testing/embedded-server.js';
import { createTestDatabase, testServerUrl } from './testing/test-database.js';
import type { TestDatabase } from './testing/test-database.js';
import { seedSession, syncFixture } from './testing/sync-fixture.js';

const shared = testServerUrl();

/** A target whose `n`th push or pull first stops the server, as a crash would. */
function haltAt(target: SyncTarget, n: number, server: TestServer): SyncTarget {
  let calls = 0;
  const maybeHalt = async () => {
    calls += 1;
    if (calls === n) await server.halt();
  };
  return Object.assign(Object.create(target) as SyncTarget, {
    push: async (r: Parameters<SyncTarget['push']>[0]) => (await maybeHalt(), target.push(r)),
    pull: async (a: number, l: number, m: string, b?: number) => (
      await maybeHalt(),
      target.pull(a, l, m, b)
    ),
  });
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

function expectOneLine(error: unknown, pattern: RegExp): void {
  expect(error).toBeInstanceOf(BatonError);
  const e = error as BatonError;
  expect(e.message).toMatch(pattern);
  expect(e.message).not.toContain('\n');
  expect(e.hint).toMatch(/nothing was lost/);
}

describe.skipIf(!shared)('sync when the server dies', () => {
  let server: TestServer;
  let db: TestDatabase;

  beforeAll(async () => {
    server = await startEmbeddedServer();
    db = await createTestDatabase(server.url);
  });
  afterAll(async () => {
    await server.resume();
    await db.drop();
    await server.stop();
  });

  it('loses nothing when the server stops mid-push and mid-pull, and resumes after', async () => {
    const fx = await syncFixture(db.url);
    try {
      const a = fx.store('a');
      const { session } = seedSession(a, 95);
      const pushing = fx.engine(a, haltAt(await fx.target(), 3, server), { batchSize: 10 });
      expectOneLine(await failure(pushing.push()), /closed the connection|cannot reach/);
      expectOneLine(
        await failure(fx.target().then((t) => fx.engine(a, t).push())),
        /cannot reach the sync server/,
      );
      await server.resume();
      // It resumes where it stopped: what reached the server before is not sent again.
      const resumed = await fx.engine(a, await fx.target(), { batchSize: 10 }).push();
      expect(resumed.events).toBeGreaterThan(0);
      expect(resumed.events).toBeLessThan(95);

      const b = fx.store('b');
      // Events travel ten to a row here (one push batch each): three rows a pull batch.
      const pulling = fx.engine(b, haltAt(await fx.target(), 4, server), { batchSize: 3 });
      expectOneLine(await failure(pulling.pull()), /closed the connection|cannot reach/);
      expect(b.events.count()).toBeGreaterThan(0);
      await server.resume();
      await fx.engine(b, await fx.target(), { batchSize: 10 }).pull();
      expect(b.events.count({ sessionId: session.id })).toBe(95);
      expect(b.sessions.get(session.id)?.eventCount).toBe(95);

      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const n = await c.query<{ n: number }>(
        // Events travel in packs listing their ids: every event listed once.
        "SELECT count(*)::int AS n FROM baton.records, unnest(ids) WHERE vault = $1 AND kind = 'events'",
        [fx.vault],
      );
      await c.end();
      expect(n.rows[0]?.n).toBe(95);
    } finally {
      await fx.close();
    }
  });
});
