// Pins schema upgrades: a store written at the first schema opens under the current one, keeps
// its data and gains what later migrations add; newer or damaged files fail with a clear code.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../sqlite/driver.js';
import { afterEach, describe, expect, it } from 'vitest';
import { BatonError } from '../../core/index.js';
import { SqliteStore } from '../sqlite/sqlite-store.js';
import { INDEX_HASH_BYTES } from './006-index-hash.js';
import { MIGRATIONS, migrate, schemaVersion } from './index.js';
import type { Migration } from './index.js';

const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-mig-'));
  dirs.push(dir);
  return join(dir, 'baton.db');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migrations', () => {
  it('skip what another process applied after this one read the version (first-open race)', () => {
    const path = tempDb();
    const mine = new Database(path);
    const theirs = new Database(path);
    mine.pragma('journal_mode = WAL');
    // The other process migrates the new file between this one's version read and its first
    // migration: iterating the list is the moment after the read.
    class Racing extends Array<Migration> {
      override *[Symbol.iterator](): ArrayIterator<Migration> {
        migrate(theirs, MIGRATIONS);
        yield* MIGRATIONS;
      }
    }
    const list = Racing.from(MIGRATIONS) as Racing;
    expect(() => migrate(mine, list)).not.toThrow();
    expect(schemaVersion(mine)).toBe(MIGRATIONS.at(-1)!.version);
    mine.close();
    theirs.close();
  });

  it('are numbered from 1 in increasing order, each version once', () => {
    // Versions are reserved per branch while work runs in parallel (4 lands before 3 and 5 here);
    // once all are merged they run 1..n without gaps.
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
  });

  it('upgrade a first-schema store in place, keeping and indexing its records', () => {
    const path = tempDb();
    const old = SqliteStore.open({ path, migrateTo: 1 });
    expect(old.info.schemaVersion).toBe(1);
    const project = old.projects.ensure({ key: 'path:/m', root: '/m', remoteUrl: null, name: 'm' });
    const s = old.sessions.start({ agent: 'cli', projectId: project.id });
    old.events.append([
      { sessionId: s.id, kind: 'note', text: 'before the upgrade', source: 'cli', ref: 'a' },
    ]);
    // Written through the v1 tables directly: v1 code had no records index to keep in step.
    const db = old.database;
    db.prepare(
      `INSERT INTO todos (id, project_id, number, content, status, created_at, updated_at, machine_id, hlc)
       VALUES ('T1', ?, 1, 'migrate the invoices table', 'pending', 0, 0, 'm', 'h')`,
    ).run(project.id);
    old.close();

    const upgraded = SqliteStore.open({ path });
    expect(upgraded.info.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
    expect(upgraded.events.count()).toBe(1);
    expect(upgraded.todos.get(project.id, '1')?.content).toBe('migrate the invoices table');
    const hits = upgraded.query<{ record_id: string }>(
      "SELECT record_id FROM records_fts WHERE records_fts MATCH 'invoices'",
    );
    expect(hits.map((h) => h.record_id)).toEqual(['T1']);
    const hash = upgraded.query<{ v: number }>(
      "SELECT v FROM events_fts_config WHERE k = 'hashsize'",
    );
    expect(hash).toEqual([{ v: INDEX_HASH_BYTES }]);
    upgraded.close();
  });

  it('refuses a store from a newer Baton with STORE_CORRUPT and a hint', () => {
    const path = tempDb();
    SqliteStore.open({ path }).close();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    expect(() => SqliteStore.open({ path })).toThrow(BatonError);
    try {
      SqliteStore.open({ path });
    } catch (e) {
      expect((e as BatonError).code).toBe('STORE_CORRUPT');
      // The README installs from a clone; the npm name is not published, so no hint may name it.
      expect((e as BatonError).hint).toBe(
        'update Baton: git pull && npm install in its clone, then run the command again',
      );
    }
  });

  it('reports a file that is not a database as STORE_CORRUPT', () => {
    const path = tempDb();
    writeFileSync(path, 'this is not sqlite '.repeat(500));
    let error: unknown;
    try {
      SqliteStore.open({ path });
    } catch (e) {
      error = e;
    }
    expect((error as BatonError).code).toBe('STORE_CORRUPT');
  });
});
