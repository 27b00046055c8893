// Pins sync through a real PostgreSQL: two stores converge through one vault (records, events,
// per-field merges, conflicts), and the server's tables hold no plaintext of what was synced.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testServerUrl } from './testing/test-database.js';
import type { TestDatabase } from './testing/test-database.js';
import { seedSession, syncFixture } from './testing/sync-fixture.js';
import type { SyncFixture } from './testing/sync-fixture.js';

const server = testServerUrl();

describe.skipIf(!server)('sync through PostgreSQL', () => {
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

  const fresh = async () => {
    fx = await syncFixture(db.url);
    const a = fx.store('a');
    const b = fx.store('b');
    const ta = await fx.target();
    const tb = await fx.target();
    return { a, b, ea: fx.engine(a, ta), eb: fx.engine(b, tb) };
  };

  it('carries projects, sessions, events and todos to another store, and edits back', async () => {
    const { a, b, ea, eb } = await fresh();
    const { project, session } = seedSession(a, 25);
    const todo = a.todos.add({ projectId: project.id, content: 'ship the sync engine' });
    a.facts.set({ projectId: project.id, key: 'db', value: { engine: 'postgres' } });

    const pushed = await ea.push();
    expect(pushed).toMatchObject({ events: 25 });
    const pulled = await eb.pull();
    expect(pulled.events).toBe(25);

    const bProject = b.projects.get('github.com/acme/app')!;
    expect(bProject.name).toBe('app');
    expect(b.sessions.get(session.id)?.eventCount).toBe(25);
    expect(b.events.count({ sessionId: session.id })).toBe(25);
    expect(b.todos.get(bProject.id, todo.id)?.content).toBe('ship the sync engine');
    expect(b.facts.get(bProject.id, 'db')?.value).toEqual({ engine: 'postgres' });

    b.todos.update(todo.id, { status: 'completed' });
    await eb.push();
    await ea.pull();
    expect(a.todos.get(project.id, todo.id)?.status).toBe('completed');
    // Nothing more to do either way: the second round moves nothing.
    expect((await ea.push()).events).toBe(0);
    expect((await eb.pull()).events).toBe(0);
    expect(a.sync.conflicts()).toEqual([]);

    // The session's newest version now follows its events in the vault: a new machine gets the
    // events first, and the session after them.
    a.sessions.update(session.id, { title: 'sync work' });
    await ea.push();
    const c = fx.store('c');
    await fx.engine(c, await fx.target()).pull();
    expect(c.sessions.get(session.id)).toMatchObject({ title: 'sync work', eventCount: 25 });
    expect(c.sessions.get(session.id)?.agent).toBe('claude-code');
  });

  it('merges edits of different fields, and keeps a concurrent edit of one field as a conflict', async () => {
    const { a, b, ea, eb } = await fresh();
    const { project } = seedSession(a, 1);
    const todo = a.todos.add({ projectId: project.id, content: 'draft' });
    await ea.push();
    await eb.pull();

    a.todos.update(todo.id, { content: 'draft from a' });
    b.todos.update(todo.id, { content: 'draft from b', priority: 'high' });
    await ea.push();
    await eb.push();
    await ea.pull();
    await eb.pull();

    const pa = a.todos.get(project.id, todo.id)!;
    const bProject = b.projects.get('github.com/acme/app')!;
    const pb = b.todos.get(bProject.id, todo.id)!;
    expect(pa.content).toBe(pb.content);
    expect(pa.priority).toBe('high');
    const seen = [...a.sync.conflicts(), ...b.sync.conflicts()];
    expect(seen.length).toBeGreaterThan(0);
    const loser = pa.content === 'draft from a' ? 'draft from b' : 'draft from a';
    expect(seen.some((c) => c.mine === loser || c.theirs === loser)).toBe(true);
  });

  it('propagates a removed todo as a tombstone that wins over an edit', async () => {
    const { a, b, ea, eb } = await fresh();
    const { project } = seedSession(a, 1);
    const todo = a.todos.add({ projectId: project.id, content: 'temporary' });
    await ea.push();
    await eb.pull();
    a.todos.remove(todo.id);
    const bProject = b.projects.get('github.com/acme/app')!;
    b.todos.update(todo.id, { content: 'edited meanwhile' });
    await ea.push();
    await eb.push();
    await eb.pull();
    await ea.pull();
    expect(b.todos.list({ projectId: bProject.id })).toEqual([]);
    expect(a.todos.list({ projectId: project.id })).toEqual([]);
  });

  it('leaves no plaintext of a known sentence in any server table', async () => {
    const { a, ea } = await fresh();
    const sentence = 'the heron waits by the quiet millpond at dawn';
    const { project } = seedSession(a, 3, () => sentence);
    a.todos.add({ projectId: project.id, content: sentence });
    a.decisions.add({ projectId: project.id, decision: sentence });
    await ea.push();

    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined);
    await client.connect();
    const tables = ['records', 'vaults', 'audit'];
    let rows = 0;
    for (const t of tables) {
      const r = await client.query<Record<string, unknown>>(`SELECT * FROM baton.${t}`);
      for (const row of r.rows) {
        rows += 1;
        for (const v of Object.values(row)) {
          const bytes = Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v) ?? '');
          expect(bytes.includes(Buffer.from('heron'))).toBe(false);
          expect(bytes.includes(Buffer.from('millpond'))).toBe(false);
          expect(bytes.includes(Buffer.from('acme'))).toBe(false);
        }
      }
    }
    expect(rows).toBeGreaterThan(5);
    await client.end();
  });
});
