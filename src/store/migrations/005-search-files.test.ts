// Pins migration 5: a store from before it gets its event index rebuilt with the files column,
// so old events become findable by the files their data names, and nothing else is lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../sqlite/driver.js';
import { afterEach, expect, it } from 'vitest';
import { SqliteStore } from '../sqlite/sqlite-store.js';
import { MIGRATIONS, migrate, schemaVersion } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A version-2 file, written the way version 2's store wrote events (two index columns). */
function versionTwoStore(path: string, count: number): void {
  const db = new Database(path);
  migrate(db, MIGRATIONS, 2);
  expect(schemaVersion(db)).toBe(2);
  db.exec(`INSERT INTO sessions (id, handle, agent, status, started_at, last_activity_at, machine_id, hlc)
           VALUES ('S', 'SESSION-260101-001', 'cli', 'ended', 0, 0, 'm', 'h')`);
  const insert = db.prepare(
    `INSERT INTO events (id, session_id, ts, kind, tool, text, data, source, hlc)
     VALUES (?, 'S', 0, 'tool_call', 'Read', ?, ?, 'cli', 'h')`,
  );
  const fts = db.prepare('INSERT INTO events_fts (rowid, body, tool) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const text = i === 7 ? 'opened the useSession hook' : `read number ${i}`;
      const info = insert.run(`E${i}`, text, JSON.stringify({ file_path: `src/file${i}.ts` }));
      fts.run(info.lastInsertRowid, text, 'Read');
    }
  })();
  db.close();
}

it('rebuilds events_fts with a files column from the journal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-m5-'));
  dirs.push(dir);
  const path = join(dir, 'baton.db');
  versionTwoStore(path, 12_000);

  const store = SqliteStore.open({ path });
  expect(store.info.schemaVersion).toBeGreaterThanOrEqual(5);
  const match = (q: string) =>
    store.query<{ n: number }>('SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?', [
      q,
    ])[0]!.n;
  expect(match('{files} : "file11999"')).toBe(1);
  expect(match('{files} : "src"')).toBe(12_000);
  expect(match('session')).toBe(1);
  expect(match('{tool} : read')).toBe(12_000);
  expect(store.events.count()).toBe(12_000);
  store.close();
});
