// Pins migration 7: a store from before it has its CJK events and records re-indexed with
// bigrams, so a word inside a run of Han or Kana is found; other rows keep their index rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Database } from '../sqlite/driver.js';
import { SqliteStore } from '../sqlite/sqlite-store.js';
import { MIGRATIONS, migrate, schemaVersion } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const TEXTS = ['这个版本有问题', 'plain English text', '新しいバージョンです', '版本号是多少'];

/** A version-6 file, its index rows written as version 6 wrote them (no bigrams). */
function versionSixStore(path: string): void {
  const db = new Database(path);
  migrate(db, MIGRATIONS, 6);
  expect(schemaVersion(db)).toBe(6);
  db.exec(`INSERT INTO sessions (id, handle, agent, status, started_at, last_activity_at, machine_id, hlc)
           VALUES ('S', 'SESSION-260101-001', 'cli', 'ended', 0, 0, 'm', 'h')`);
  const insert = db.prepare(
    `INSERT INTO events (id, session_id, ts, kind, text, source, hlc)
     VALUES (?, 'S', 0, 'note', ?, 'cli', 'h')`,
  );
  const fts = db.prepare(
    "INSERT INTO events_fts (rowid, body, tool, files, meta) VALUES (?, ?, '', '', 'k6e6f74650')",
  );
  TEXTS.forEach((text, i) => fts.run(insert.run(`E${i}`, text).lastInsertRowid, text));
  db.prepare(
    "INSERT INTO records_fts (kind, record_id, project_id, body) VALUES ('fact', 'F', NULL, ?)",
  ).run('默认版本是二');
  db.close();
}

it('re-indexes CJK events and records with bigrams, and leaves the rest as it was', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-m7-'));
  dirs.push(dir);
  const path = join(dir, 'baton.db');
  versionSixStore(path);
  const count = (table: string, q: string) =>
    store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`, [q])[0]!
      .n;

  const store = SqliteStore.open({ path });
  expect(store.info.schemaVersion).toBeGreaterThanOrEqual(8);
  expect(count('events_fts', '"版本"')).toBe(2);
  expect(count('events_fts', '"バー ージ"')).toBe(1);
  expect(count('events_fts', 'english')).toBe(1);
  expect(count('events_fts', '{meta} : k6e6f74650')).toBe(4);
  expect(count('records_fts', '"版本"')).toBe(1);
  expect(store.events.count()).toBe(4);
  store.close();
});
