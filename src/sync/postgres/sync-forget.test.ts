// Pins deletions and checkpoints through a real PostgreSQL: a session or an event forgotten on one
// machine is removed on the others and from the server, and no later pull — a fresh machine's, or
// one started over from the beginning — brings it back; a retention prune stays local; a
// checkpoint travels with its snapshot, and a checkpoint forgotten goes everywhere too.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServerUrl } from './testing/test-database.js';
import type { TestDatabase } from './testing/test-database.js';
import { seedSession, syncFixture } from './testing/sync-fixture.js';
import type { SyncFixture } from './testing/sync-fixture.js';

const server = testServerUrl();

describe.skipIf(!server)('forget and checkpoints through PostgreSQL', () => {
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

  const serverRows = async (sql: string) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query<{ n: number }>(sql, [fx.vault])).rows[0]!.n;
    } finally {
      await c.end();
    }
  };

  it('removes a forgotten session everywhere, for good', async () => {
    fx = await syncFixture(db.url);
    const a = fx.store('a');
    const b = fx.store('b');
    const ea = fx.engine(a, await fx.target());
    const eb = fx.engine(b, await fx.target());
    const { session } = seedSession(a, 20);
    const kept = seedSession(a, 3).session;
    a.checkpoints.insert({
      sessionId: session.id,
      projectId: null,
      trigger: 'manual',
      journalSeq: 0,
      snapshot: JSON.stringify({ note: 'where we were' }),
    });
    await ea.push();
    await eb.pull();
    expect(b.events.count({ sessionId: session.id })).toBe(20);
    expect(b.checkpoints.list({ sessionId: session.id })).toHaveLength(1);

    b.maintenance.forget({ sessionId: session.id });
    expect(await eb.push()).toMatchObject({ tombstones: 22 });
    const pulled = await ea.pull();
    expect(pulled).toMatchObject({ removed: 22 });
    for (const s of [a, b]) {
      expect(s.sessions.get(session.id)).toBeNull();
      expect(s.events.count({ sessionId: session.id })).toBe(0);
      expect(s.checkpoints.list({})).toEqual([]);
      expect(s.events.count({ sessionId: kept.id })).toBe(3);
    }
    // The server keeps no content of it: only the tombstones, and the session kept.
    // (Events travel in packs that list their ids: a pack is sealed again without a forgotten one.)
    const live = `SELECT (SELECT count(*) FROM baton.records, unnest(ids)
        WHERE vault = $1 AND kind = 'events')::int + (SELECT count(*) FROM baton.records
        WHERE vault = $1 AND kind = 'checkpoint' AND NOT tombstone)::int AS n`;
    expect(await serverRows(live)).toBe(3);

    // No later pull brings it back: a fresh machine, or one pulling again from the start.
    const c = fx.store('c');
    await fx.engine(c, await fx.target()).pull();
    b.sync.setPosition(`test/${fx.vault}`, 'pull', '0');
    await eb.pull();
    for (const s of [b, c]) {
      expect(s.sessions.get(session.id)).toBeNull();
      expect(s.events.count()).toBe(3);
    }
    expect(a.query("SELECT action FROM audit_log WHERE action = 'sync-forget'")).toHaveLength(1);
  });

  it('carries an event forgotten by its text, and keeps a retention prune local', async () => {
    fx = await syncFixture(db.url);
    const a = fx.store('a');
    const b = fx.store('b');
    const ea = fx.engine(a, await fx.target());
    const eb = fx.engine(b, await fx.target());
    const { session } = seedSession(a, 4, (i) =>
      i === 2 ? 'the password is swordfish' : `ok ${i}`,
    );
    await ea.push();
    await eb.pull();
    a.maintenance.forget({ match: 'swordfish' });
    a.maintenance.forget({ before: Date.now() + 60_000 }, { action: 'prune' });
    expect(a.events.count()).toBe(0);
    expect(await ea.push()).toMatchObject({ tombstones: 1 });
    await eb.pull();
    const texts = b.events.list({ sessionId: session.id }).map((e) => e.text);
    expect(texts.sort()).toEqual(['ok 0', 'ok 1', 'ok 3']);
    // The forgotten event's copy on the server went with it; the pruned ones stay there.
    const live = `SELECT count(*)::int AS n FROM baton.records, unnest(ids)
      WHERE vault = $1 AND kind = 'events'`;
    expect(await serverRows(live)).toBe(3);
  });

  it('carries checkpoints with their snapshot, and a rewrite replaces the text', async () => {
    fx = await syncFixture(db.url);
    const a = fx.store('a');
    const b = fx.store('b');
    const ea = fx.engine(a, await fx.target());
    const eb = fx.engine(b, await fx.target());
    const { project, session } = seedSession(a, 5);
    const cp = a.checkpoints.insert({
      sessionId: session.id,
      projectId: project.id,
      label: 'before the refactor',
      trigger: 'manual',
      journalSeq: 5,
      snapshot: JSON.stringify({ todos: ['rename the module'], note: 'marmalade' }),
    });
    expect(await ea.push()).toMatchObject({ checkpoints: 1 });
    expect(await eb.pull()).toMatchObject({ checkpoints: 1 });
    const got = b.checkpoints.get(cp.id)!;
    expect(got).toMatchObject({ label: 'before the refactor', sessionId: session.id });
    expect(got.projectId).toBe(b.projects.get('github.com/acme/app')!.id);
    expect(got.handle).toBeTruthy();
    expect(JSON.parse(b.checkpoints.snapshot(cp.id))).toEqual({
      todos: ['rename the module'],
      note: 'marmalade',
    });

    a.maintenance.forget({ match: 'marmalade' });
    await ea.push();
    await eb.pull();
    expect(b.checkpoints.snapshot(cp.id)).not.toContain('marmalade');
    // Nothing more moves either way once both are in step.
    expect(await eb.pull()).toMatchObject({ checkpoints: 0, events: 0 });
    expect(await ea.push()).toMatchObject({ checkpoints: 0, tombstones: 0 });
  });
});
