// Pins auto-sync through a real PostgreSQL: with sync set up, a write on one store reaches another
// store with nobody running a command (each has its auto-sync, as each machine's daemon would), a
// store with no sync set up gets none, and a server that goes away is reported in one line and
// costs nothing: what was written meanwhile arrives once it answers again.
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../store/index.js';
import { startAutoSync } from '../auto-sync.js';
import type { AutoSync } from '../auto-sync.js';
import { SYNC_SETTING, syncKeyPath } from '../sync-config.js';
import type { SyncTarget } from '../sync-target.js';
import { writeKeyFile } from '../vault-key.js';
import { PostgresSyncTarget, pgError } from './postgres-sync-target.js';
import { createTestDatabase, testServerUrl } from './testing/test-database.js';
import type { TestDatabase } from './testing/test-database.js';
import { seedSession, syncFixture } from './testing/sync-fixture.js';
import type { SyncFixture } from './testing/sync-fixture.js';

const server = testServerUrl();

/** Polls `check` until it holds; fails (not a timing assertion: a guard) after `limitMs`. */
async function eventually(check: () => boolean, limitMs = 20_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('never happened');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.skipIf(!server)('auto-sync through PostgreSQL', () => {
  let db: TestDatabase;
  let fx: SyncFixture;
  const running: AutoSync[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(server!);
  });
  afterEach(async () => {
    for (const a of running.splice(0)) await a.stop();
    await fx.close();
  });
  afterAll(async () => {
    await db.drop();
  });

  /** A store set up for the fixture's vault, as `baton sync init` leaves it, and its home. */
  const machine = (name: string, url = db.url) => {
    const store = fx.store(name);
    const home = join(fx.dir, `home-${name}`);
    writeKeyFile(syncKeyPath(home, fx.vault), fx.key);
    store.setSetting(SYNC_SETTING, { remote: url, vault: fx.vault });
    return { store, home };
  };
  const autoSync = (
    m: { store: SqliteStore; home: string },
    log: string[] = [],
    connect?: (r: string, v: string) => Promise<SyncTarget>,
  ) => {
    const a = startAutoSync({
      store: m.store,
      home: m.home,
      env: { BATON_SYNC_EVERY_MS: '40' },
      log: (l) => log.push(l),
      ...(connect && { connect }),
    });
    if (a) running.push(a);
    return a;
  };

  it('carries a write on one store to another with no command run', async () => {
    fx = await syncFixture(db.url);
    const a = machine('a');
    const b = machine('b');
    expect(autoSync(a)).not.toBeNull();
    expect(autoSync(b)).not.toBeNull();
    const { project, session } = seedSession(a.store, 12);
    a.store.todos.add({ projectId: project.id, content: 'carried by the daemon' });
    await eventually(() => b.store.events.count({ sessionId: session.id }) === 12);
    const bProject = b.store.projects.get('github.com/acme/app')!;
    await eventually(() => b.store.todos.list({ projectId: bProject.id }).length === 1);
    expect(b.store.todos.list({ projectId: bProject.id })[0]!.content).toBe(
      'carried by the daemon',
    );

    // And back: an edit on b arrives on a.
    const todo = b.store.todos.list({ projectId: bProject.id })[0]!;
    b.store.todos.update(todo.id, { status: 'completed' });
    await eventually(() => a.store.todos.get(project.id, todo.id)?.status === 'completed');
    // Idle rounds leave no audit lines in the vault's log: only moves are recorded.
    const audit = a.store.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action LIKE 'sync-%'",
    );
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.length).toBeLessThan(20);
  });

  it('stays off when sync is not set up', async () => {
    fx = await syncFixture(db.url);
    const store = fx.store('solo');
    expect(startAutoSync({ store, home: fx.dir, env: {}, log: () => undefined })).toBeNull();
  });

  it('reports a server that is away in one line, and loses nothing written meanwhile', async () => {
    fx = await syncFixture(db.url);
    let away = false;
    const connect = async (r: string, v: string) => {
      if (away)
        throw pgError(
          Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
          'x',
        );
      return PostgresSyncTarget.connect(r, v);
    };
    const a = machine('a');
    const log: string[] = [];
    const auto = autoSync(a, log, connect)!;
    seedSession(a.store, 3);
    expect((await auto.round()).error).toBeNull();
    // The server goes away: the connection held is cut, new ones are refused.
    away = true;
    await terminateOthers(db.url);
    const { session } = seedSession(a.store, 5);
    expect((await auto.round()).error).toMatch(/closed the connection|cannot reach/);
    expect((await auto.round()).error).toMatch(/cannot reach/);
    const lines = log.filter((l) => l.startsWith('auto-sync:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    away = false;
    expect((await auto.round()).error).toBeNull();
    expect(log.at(-1)).toMatch(/answers again/);
    const b = machine('b');
    autoSync(b);
    await eventually(() => b.store.events.count({ sessionId: session.id }) === 5);
    expect(b.store.events.count()).toBe(8);
  });
});

async function terminateOthers(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  await c.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  await c.end();
}
