// Pins the store's basic contract: records round-trip, handles are allocated per day, refs make
// appends idempotent, todos/decisions/facts/components behave as the CLI relies on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/index.js';
import { Database, SqliteStore, openMemoryStore } from '../index.js';

const T0 = Date.parse('2026-03-04T10:00:00Z');

function setup() {
  const store = openMemoryStore(fixedClock(T0, 1000));
  const project = store.projects.ensure({ key: 'path:/p', root: '/p', remoteUrl: null, name: 'p' });
  return { store, project };
}

describe('SqliteStore', () => {
  it('allocates SESSION-YYMMDD-NNN handles per day, never reused', () => {
    const { store, project } = setup();
    const a = store.sessions.start({ agent: 'cli', projectId: project.id, startedAt: T0 });
    const b = store.sessions.start({ agent: 'cli', projectId: project.id, startedAt: T0 });
    const c = store.sessions.start({
      agent: 'cli',
      projectId: project.id,
      startedAt: T0 + 86_400_000,
    });
    expect(a.handle).toMatch(/^SESSION-2603\d\d-001$/);
    expect(b.handle).toMatch(/-002$/);
    expect(c.handle).toMatch(/-001$/);
    expect(new Set([a.handle, b.handle, c.handle]).size).toBe(3);
    expect(store.sessions.get(b.handle)?.id).toBe(b.id);
  });

  it('stamps every record with the machine id and an increasing HLC', () => {
    const { store, project } = setup();
    const s = store.sessions.start({ agent: 'cli', projectId: project.id });
    const t = store.todos.add({ projectId: project.id, content: 'x' });
    expect(s.machineId).toBe(store.info.machineId);
    expect(t.machineId).toBe(store.info.machineId);
    expect(t.hlc > s.hlc).toBe(true);
  });

  it('skips events whose ref the session already has', () => {
    const { store, project } = setup();
    const s = store.sessions.start({ agent: 'cli', projectId: project.id });
    const first = store.events.append([
      { sessionId: s.id, kind: 'note', text: 'a', source: 'cli', ref: 'r1' },
      { sessionId: s.id, kind: 'note', text: 'b', source: 'cli', ref: 'r2' },
    ]);
    const again = store.events.append([
      { sessionId: s.id, kind: 'note', text: 'a', source: 'cli', ref: 'r1' },
    ]);
    expect(first.inserted).toBe(2);
    expect(again).toEqual({ inserted: 0, duplicates: 1, seqs: [null] });
    expect(store.sessions.get(s.id)?.eventCount).toBe(2);
  });

  it('keeps todo timestamps in step with status changes', () => {
    const { store, project } = setup();
    const t = store.todos.add({ projectId: project.id, content: 'write it' });
    const started = store.todos.update(t.id, { status: 'in_progress' });
    const blocked = store.todos.update(t.id, { status: 'blocked', blockedReason: 'waiting' });
    const done = store.todos.update(t.id, { status: 'completed' });
    expect(started.startedAt).not.toBeNull();
    expect(blocked.blockedReason).toBe('waiting');
    expect(done.completedAt).not.toBeNull();
    expect(done.blockedReason).toBeNull();
    expect(store.todos.get(project.id, '#1')?.id).toBe(t.id);
    store.todos.remove(t.id);
    expect(store.todos.list({ projectId: project.id })).toEqual([]);
  });

  it('lets a project fact win over a global one and leaves expired facts out', () => {
    const { store, project } = setup();
    store.facts.set({ projectId: null, key: 'deploy', value: 'global' });
    store.facts.set({ projectId: project.id, key: 'deploy', value: 'project' });
    store.facts.set({ projectId: project.id, key: 'old', value: 1, expiresAt: T0 - 1 });
    expect(store.facts.get(project.id, 'deploy', true)?.value).toBe('project');
    const keys = store.facts.list({ projectId: project.id, now: T0 }).map((f) => f.key);
    expect(keys).toEqual(['deploy', 'deploy']);
    expect(store.facts.list({ projectId: project.id, now: T0, includeExpired: true })).toHaveLength(
      3,
    );
    expect(store.facts.unset(project.id, 'deploy')).toBe(true);
    expect(store.facts.get(project.id, 'deploy', true)?.value).toBe('global');
  });

  it('merges component metadata and keeps decision history', () => {
    const { store, project } = setup();
    store.components.set({
      projectId: project.id,
      name: 'db',
      status: 'up',
      health: 90,
      metadata: { a: 1 },
    });
    const c = store.components.set({
      projectId: project.id,
      name: 'db',
      health: 40,
      metadata: { b: 2 },
    });
    expect(c).toMatchObject({ status: 'up', health: 40, metadata: { a: 1, b: 2 } });
    const d = store.decisions.add({
      projectId: project.id,
      decision: 'use sqlite',
      reasoning: 'no server',
    });
    const d2 = store.decisions.update(d.id, { status: 'superseded' });
    expect(d2.status).toBe('superseded');
    expect(store.decisions.list({ projectId: project.id, statuses: ['active'] })).toEqual([]);
  });

  it('compresses checkpoint snapshots and reads them back', () => {
    const { store, project } = setup();
    const s = store.sessions.start({ agent: 'cli', projectId: project.id });
    const snapshot = JSON.stringify({ todos: Array.from({ length: 200 }, (_, i) => `todo ${i}`) });
    const c = store.checkpoints.insert({
      sessionId: s.id,
      projectId: project.id,
      trigger: 'manual',
      journalSeq: 0,
      snapshot,
    });
    expect(c.handle).toMatch(/^RECOVERY-SESSION-\d{6}-001-\d{6}$/);
    expect(c.size).toBeLessThan(snapshot.length / 4);
    expect(store.checkpoints.snapshot(c.id)).toBe(snapshot);
  });

  it('finds checkpoints by creation time, from inclusive, before exclusive', () => {
    const { store, project } = setup();
    const s = store.sessions.start({ agent: 'cli', projectId: project.id });
    const at = (createdAt: number) =>
      store.checkpoints.insert({
        sessionId: s.id,
        projectId: project.id,
        trigger: 'manual',
        journalSeq: 0,
        snapshot: '{}',
        createdAt,
      }).id;
    const [a, b, c] = [at(T0), at(T0 + 10), at(T0 + 20)];
    expect(store.checkpoints.idsCreatedBetween(T0, T0 + 20).sort()).toEqual([a, b].sort());
    expect(store.checkpoints.idsCreatedBetween(T0 + 10, T0 + 21).sort()).toEqual([b, c].sort());
  });

  it('lists the files imports read from, one per cursor, without their parser state', () => {
    const { store } = setup();
    expect(store.importSources()).toEqual([]);
    const cursor = { agent: 'claude-code', size: 10, mtimeMs: 1, fingerprint: null };
    store.setCursor({ ...cursor, path: '/t/b.jsonl', offset: 10, state: { lineNo: 3 } });
    store.setCursor({ ...cursor, path: '/t/a.jsonl', offset: 4, state: {} });
    store.setCursor({ ...cursor, path: '/t/a.jsonl', offset: 10, state: {} });
    const [a, b] = store.importSources();
    expect([a, b]).toEqual([
      { path: '/t/a.jsonl', agent: 'claude-code', offset: 10, size: 10, updatedAt: a!.updatedAt },
      { path: '/t/b.jsonl', agent: 'claude-code', offset: 10, size: 10, updatedAt: b!.updatedAt },
    ]);
    expect(a!.updatedAt).toBeGreaterThan(b!.updatedAt);
  });

  it('ranks projects by their number of sessions, leaving out those without any', () => {
    const { store, project } = setup();
    const ensure = (name: string) =>
      store.projects.ensure({ key: `path:/${name}`, root: `/${name}`, remoteUrl: null, name });
    const busy = ensure('busy');
    ensure('idle');
    for (const projectId of [busy.id, busy.id, project.id])
      store.sessions.start({ agent: 'cli', projectId });
    expect(store.projects.busiest(5)).toEqual([
      { name: 'busy', root: '/busy', sessions: 2 },
      { name: 'p', root: '/p', sessions: 1 },
    ]);
    expect(store.projects.busiest(1)).toHaveLength(1);
  });
});

describe('Store.onceBatch', () => {
  /** A replay that writes setting test.KEY (and then fails, when asked). */
  const writes =
    (store: SqliteStore, key: string, fail = false) =>
    (): Promise<void> => {
      store.setSetting(`test.${key}`, key);
      return fail ? Promise.reject(new Error('replay failed')) : Promise.resolve();
    };
  const has = (store: SqliteStore, key: string) => store.getSetting(`test.${key}`) === key;

  it('shares one transaction: a failing once undoes only its own writes', async () => {
    const store = SqliteStore.open({ path: ':memory:' });
    const ran = await store.onceBatch(async () => {
      const a = await store.once('a', writes(store, 'a'));
      await expect(store.once('b', writes(store, 'b', true))).rejects.toThrow('replay failed');
      const c = await store.once('c', writes(store, 'c'));
      const again = await store.once('a', writes(store, 'a2'));
      return [a, c, again];
    });
    expect(ran).toEqual([true, true, false]);
    expect(['a', 'b', 'c', 'a2'].map((k) => has(store, k))).toEqual([true, false, true, false]);
    // The failed one's key was not kept either: it runs again later.
    expect(await store.once('b', writes(store, 'b'))).toBe(true);
    store.close();
  });

  it('keeps nothing when its function throws', async () => {
    const store = SqliteStore.open({ path: ':memory:' });
    await expect(
      store.onceBatch(async () => {
        await store.once('a', writes(store, 'a'));
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(has(store, 'a')).toBe(false);
    expect(await store.once('a', writes(store, 'a'))).toBe(true);
    store.close();
  });

  it('refuses once inside a plain transaction, and batches inside batches', async () => {
    const store = SqliteStore.open({ path: ':memory:' });
    await store.onceBatch(async () => {
      await expect(store.onceBatch(() => Promise.resolve(1))).rejects.toThrow(/cannot nest/);
    });
    store.database.exec('BEGIN');
    await expect(store.once('x', () => Promise.resolve())).rejects.toThrow(/cannot nest/);
    store.database.exec('ROLLBACK');
    store.close();
  });
});

describe('SqliteStore file', () => {
  it('takes a smaller page cache when asked (the daemon runs for days)', () => {
    const small = SqliteStore.open({ path: ':memory:', cacheMiB: 16 });
    const usual = SqliteStore.open({ path: ':memory:' });
    expect(small.database.pragma('cache_size', { simple: true })).toBe(-16 * 1024);
    expect(usual.database.pragma('cache_size', { simple: true })).toBe(-128 * 1024);
    small.close();
    usual.close();
  });

  it('reads through a memory map only when asked (a short command reading much of the store)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-mmap-'));
    try {
      const path = join(dir, 'baton.db');
      const mapped = SqliteStore.open({ path, mmapMiB: 64 });
      const p = mapped.projects.ensure({ key: 'path:/p', root: '/p', remoteUrl: null, name: 'p' });
      const s = mapped.sessions.start({ agent: 'cli', projectId: p.id });
      mapped.events.append([{ sessionId: s.id, kind: 'note', source: 'cli', text: 'mapped' }]);
      const usual = SqliteStore.open({ path });
      expect(mapped.database.pragma('mmap_size', { simple: true })).toBe(64 * 1024 * 1024);
      expect(usual.database.pragma('mmap_size', { simple: true })).toBe(0);
      expect(usual.events.list({ sessionId: s.id })[0]!.text).toBe('mapped');
      usual.close();
      mapped.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a snapshot to the store as it was when opened, until closed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-snapshot-'));
    try {
      const path = join(dir, 'baton.db');
      const writer = SqliteStore.open({ path });
      const p = writer.projects.ensure({ key: 'path:/p', root: '/p', remoteUrl: null, name: 'p' });
      const first = writer.sessions.start({ agent: 'cli', projectId: p.id });
      const snapshot = SqliteStore.open({ path, readonly: true, snapshot: true });
      const plain = SqliteStore.open({ path, readonly: true });
      const second = writer.sessions.start({ agent: 'cli', projectId: p.id });
      const ids = (s: SqliteStore) => s.sessions.list({ projectId: p.id }).map((x) => x.id);
      expect(ids(snapshot)).toEqual([first.id]);
      expect(ids(plain).sort()).toEqual([first.id, second.id].sort());
      snapshot.close();
      plain.close();
      // Its read transaction ended with it: the writer still checkpoints the whole log.
      expect(writer.database.pragma('wal_checkpoint(TRUNCATE)')).toEqual([
        { busy: 0, log: 0, checkpointed: 0 },
      ]);
      writer.close();
      expect(() => SqliteStore.open({ path, snapshot: true })).toThrow(/read-only/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes a new file with 16 KiB pages and keeps the page size of an existing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-pages-'));
    try {
      const fresh = SqliteStore.open({ path: join(dir, 'new.db') });
      expect(fresh.database.pragma('page_size', { simple: true })).toBe(16384);
      fresh.close();

      const oldPath = join(dir, 'old.db');
      const old = new Database(oldPath);
      old.pragma('page_size = 4096');
      old.exec('CREATE TABLE t (x)');
      old.close();
      const opened = SqliteStore.open({ path: oldPath });
      expect(opened.database.pragma('page_size', { simple: true })).toBe(4096);
      const p = opened.projects.ensure({ key: 'path:/p', root: '/p', remoteUrl: null, name: 'p' });
      const s = opened.sessions.start({ agent: 'cli', projectId: p.id });
      opened.events.append([{ sessionId: s.id, kind: 'note', source: 'cli', text: 'kept' }]);
      opened.close();
      const reopened = SqliteStore.open({ path: join(dir, 'new.db') });
      reopened.close();
      const again = SqliteStore.open({ path: oldPath });
      expect(again.events.list({ sessionId: s.id })[0]!.text).toBe('kept');
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteStore read-only SQL', () => {
  it('hands queryEach rows one at a time, in the order query returns them', () => {
    const { store, project } = setup();
    const session = store.sessions.start({ agent: 'cli', projectId: project.id });
    store.events.append(
      ['one', 'two', 'three'].map((text) => ({
        sessionId: session.id,
        kind: 'user_message' as const,
        text,
        source: 'cli' as const,
      })),
    );
    const sql = 'SELECT seq, text FROM events ORDER BY seq DESC';
    const seen: unknown[] = [];
    store.queryEach(sql, [], (row) => seen.push(row));
    expect(seen).toEqual(store.query(sql));
    expect(seen.map((r) => (r as { text: string }).text)).toEqual(['three', 'two', 'one']);
  });

  it('refuses a statement that writes, through either door', () => {
    const { store } = setup();
    const sql = "UPDATE settings SET value = 'x'";
    expect(() => store.query(sql)).toThrow(/for reading only/);
    expect(() => store.queryEach(sql, [], () => undefined)).toThrow(/for reading only/);
  });
});
