// The operations behind `baton sync init|push|pull|status|diff|conflicts|resolve|key`, between
// real SQLite stores with Baton homes of their own through a real PostgreSQL: a vault is created
// with a random key and joined with that key carried as one line, or made and opened from a
// passphrase (a wrong or missing one refused, nothing kept); what waits each way is reported
// before and after a push and a pull; a field changed on two machines at once is held with both
// values and settled, and the choice reaches the other machine; every step is audited.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  exportSyncKey,
  importSyncKey,
  initSync,
  listSyncConflicts,
  pullSync,
  pushSync,
  resolveSyncConflict,
  showSyncKey,
  syncDiff,
  syncStatus,
} from '../../src/operations/index.js';
import type { SyncWorld } from '../../src/operations/index.js';
import type { SqliteStore } from '../../src/store/index.js';
import { redactUrl } from '../../src/sync/index.js';
import { testServerUrl } from '../../src/sync/postgres/testing/test-database.js';
import { syncSuite } from '../../src/sync/postgres/testing/sync-fixture.js';
import type { SyncFixture } from '../../src/sync/postgres/testing/sync-fixture.js';

const server = testServerUrl();

describe.skipIf(!server)('the sync vault, transfer and conflict operations', () => {
  const fixture = syncSuite(server);
  let fx: SyncFixture;

  /** A machine: its store, its Baton home (the keys), a world for the operations. */
  const machine = (name: string, env: Record<string, string> = {}) => {
    const home = join(fx.dir, `baton-${name}`);
    mkdirSync(home, { recursive: true });
    const store = fx.store(name);
    const world: SyncWorld = { store, env, home };
    const audit = () =>
      store
        .query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'sync-%'")
        .map((r) => r.action);
    return { store, home, world, audit };
  };
  const never = () => Promise.reject(new Error('no passphrase should be asked for'));
  const projectOf = (store: SqliteStore) =>
    store.projects.ensure({
      key: 'github.com/acme/app',
      root: '/work/app',
      remoteUrl: 'git@github.com:acme/app.git',
      name: 'app',
    });

  it('creates a vault, carries its key as one line, joins it, and moves records both ways', async () => {
    fx = await fixture();
    const a = machine('a');
    const b = machine('b');
    const vault = 'ops_team';
    const remote = fx.url;

    const created = await initSync(a.world, { remote, vault, askPassphrase: never });
    expect(created).toMatchObject({ vault, created: true, remote: redactUrl(remote) });
    expect(created.memberRole).toMatch(/ops_team/);
    const key = await showSyncKey(a.world);
    expect(key).toMatchObject({ vault });
    expect(existsSync(key.keyFile)).toBe(true);

    // B gets the key as one line, checked against the server it is told of.
    const { line } = await exportSyncKey(a.world);
    await expect(importSyncKey(b.world, { line: 'nonsense' })).rejects.toThrow(
      /not a key from `baton sync key export`/,
    );
    expect(await importSyncKey(b.world, { line, remote })).toEqual({
      vault,
      fingerprint: key.fingerprint,
      checked: true,
    });
    expect(await initSync(b.world, { remote, vault, askPassphrase: never })).toMatchObject({
      created: false,
    });
    expect((await showSyncKey(b.world)).fingerprint).toBe(key.fingerprint);

    // What waits to go: A's todo, by kind, and nothing to pull yet.
    const todo = a.store.todos.add({ projectId: projectOf(a.store).id, content: 'ship it' });
    const before = await syncDiff(a.world);
    expect(before.push.records).toMatchObject({ todo: 1 });
    expect(before.records).toContainEqual(
      expect.objectContaining({ kind: 'todo', id: todo.id, deleted: false }),
    );
    expect(before.pull).toEqual({ changes: 0 });
    expect(await syncStatus(a.world)).toMatchObject({ vault, openConflicts: 0 });
    expect((await syncStatus(a.world)).pendingRecords).toBeGreaterThan(0);

    const phases: string[] = [];
    const pushed = await pushSync(a.world, (p) => phases.push(p.phase));
    expect(pushed.records).toBeGreaterThan(0);
    expect(phases.length).toBeGreaterThan(0);
    expect((await syncDiff(a.world)).records).toEqual([]);
    expect((await syncStatus(b.world)).remoteChanges).toBeGreaterThan(0);
    const pulled = await pullSync(b.world);
    expect(pulled.records).toBeGreaterThan(0);
    expect(b.store.todos.get(projectOf(b.store).id, todo.id)?.content).toBe('ship it');
    expect(await syncStatus(b.world)).toMatchObject({ remoteChanges: 0, openConflicts: 0 });

    // The engine audits its push and pull besides.
    expect(a.audit().slice(0, 2)).toEqual(['sync-init', 'sync-key-export']);
    expect(b.audit().slice(0, 2)).toEqual(['sync-key-import', 'sync-init']);
  });

  it('holds a field changed on two machines at once, and settles it everywhere', async () => {
    fx = await fixture();
    const a = machine('a');
    const b = machine('b');
    await initSync(a.world, { remote: fx.url, vault: 'ops_c', askPassphrase: never });
    await importSyncKey(b.world, { line: (await exportSyncKey(a.world)).line, remote: fx.url });
    await initSync(b.world, { remote: fx.url, vault: 'ops_c', askPassphrase: never });
    const todo = a.store.todos.add({ projectId: projectOf(a.store).id, content: 'plan' });
    await pushSync(a.world);
    await pullSync(b.world);
    a.store.todos.update(todo.id, { content: 'plan for Monday' });
    b.store.todos.update(todo.id, { content: 'plan with QA' });
    await pushSync(a.world);
    await pushSync(b.world);
    expect((await pullSync(b.world)).conflicts).toBe(1);

    const [c] = listSyncConflicts(b.world);
    expect(c).toMatchObject({ kind: 'todo', field: 'content' });
    expect(listSyncConflicts(a.world)).toEqual([]);
    await expect(resolveSyncConflict(b.world, { id: 'ZZZZ', keep: 'mine' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'no open conflict ZZZZ',
    });
    await expect(
      resolveSyncConflict(b.world, { id: c!.id, keep: 'neither' as never }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    const settled = await resolveSyncConflict(b.world, {
      id: c!.id.slice(0, 20).toLowerCase(),
      keep: 'both',
    });
    expect(settled).toMatchObject({ id: c!.id, keep: 'both', field: 'content', vault: 'ops_c' });
    expect([c!.mine, c!.theirs]).toEqual(
      expect.arrayContaining(['plan for Monday', 'plan with QA']),
    );
    expect(settled.value).toBe(`${c!.mine as string}\n\n${c!.theirs as string}`);
    expect(listSyncConflicts(b.world)).toEqual([]);
    expect(listSyncConflicts(b.world, { all: true })).toHaveLength(1);
    expect(b.audit()).toContain('sync-resolve');

    await pushSync(b.world);
    await pullSync(a.world);
    expect(a.store.todos.get(projectOf(a.store).id, todo.id)?.content).toBe(settled.value);
  });

  it('makes and opens a vault from a passphrase; a wrong or missing one keeps nothing', async () => {
    fx = await fixture();
    const a = machine('a', { BATON_SYNC_PASSPHRASE: 'a long shared passphrase' });
    const b = machine('b');
    const c = machine('c');
    const vault = 'ops_p';
    expect(
      await initSync(a.world, { remote: fx.url, vault, passphrase: true, askPassphrase: never }),
    ).toMatchObject({ created: true });

    // Joining asks for the passphrase (the vault says it has one): a wrong one is refused.
    await expect(
      initSync(b.world, {
        remote: fx.url,
        vault,
        askPassphrase: () => Promise.resolve('another passphrase entirely'),
      }),
    ).rejects.toThrow(/does not open vault/);
    await expect(
      initSync(c.world, { remote: fx.url, vault, askPassphrase: () => Promise.resolve('  ') }),
    ).rejects.toMatchObject({ code: 'USAGE', message: 'no passphrase given' });
    for (const m of [b, c]) {
      await expect(showSyncKey(m.world)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(m.audit()).toEqual([]);
    }

    await initSync(b.world, {
      remote: fx.url,
      vault,
      askPassphrase: () => Promise.resolve('a long shared passphrase'),
    });
    expect((await showSyncKey(b.world)).fingerprint).toBe((await showSyncKey(a.world)).fingerprint);
  });

  it('refuses a bad vault name and a store with no sync set up, in one line', async () => {
    fx = await fixture();
    const a = machine('a');
    await expect(
      initSync(a.world, { remote: fx.url, vault: 'Bad-Name', askPassphrase: never }),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: '--vault must be 1–40 of a-z, 0-9 and _: Bad-Name',
    });
    for (const op of [pushSync, pullSync, syncStatus, syncDiff, showSyncKey, exportSyncKey]) {
      await expect(op(a.world)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'sync is not set up for this store',
      });
    }
    expect(a.audit()).toEqual([]);
  });
});
