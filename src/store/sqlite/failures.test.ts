// Pins failure behaviour: a full disk and a lock held by another process surface as clear
// BatonError codes, and nothing committed before the failure is lost.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from './driver.js';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyError } from '../../core/index.js';
import { SqliteStore } from './sqlite-store.js';
import { MIGRATIONS } from '../migrations/index.js';

const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-fail-'));
  dirs.push(dir);
  return join(dir, 'baton.db');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fill(store: SqliteStore, sessionId: string, from: number, n: number) {
  return store.events.append(
    Array.from({ length: n }, (_, i) => ({
      sessionId,
      kind: 'note' as const,
      // Random, so compression cannot shrink it (long texts are stored compressed).
      text: `event ${from + i} ${randomBytes(1500).toString('base64')}`,
      source: 'cli' as const,
      ref: `r${from + i}`,
    })),
  );
}

describe('store failures', () => {
  it('turns a full disk into an IO error and keeps what was committed', () => {
    const path = tempDb();
    const store = SqliteStore.open({ path });
    const project = store.projects.ensure({
      key: 'path:/f',
      root: '/f',
      remoteUrl: null,
      name: 'f',
    });
    const s = store.sessions.start({ agent: 'cli', projectId: project.id });
    fill(store, s.id, 0, 10);
    // Cap the file where it is: the next large batch cannot fit, exactly as on a full disk.
    const pages = store.database.pragma('page_count', { simple: true }) as number;
    store.database.pragma(`max_page_count = ${pages + 2}`);
    let error: unknown;
    try {
      fill(store, s.id, 10, 200);
    } catch (e) {
      error = e;
    }
    const classified = classifyError(error);
    expect(classified.code).toBe('IO');
    expect(classified.message).toMatch(/disk is full/);
    expect(store.events.count({ sessionId: s.id })).toBe(10);
    store.close();
    const reopened = SqliteStore.open({ path });
    expect(reopened.events.count()).toBe(10);
    expect(reopened.database.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('turns a lock held past the busy timeout into STORE_LOCKED', () => {
    const path = tempDb();
    SqliteStore.open({ path }).close();
    const holder = new Database(path);
    holder.prepare('BEGIN IMMEDIATE').run();
    try {
      const store = SqliteStore.open({ path, busyTimeoutMs: 50 });
      let error: unknown;
      try {
        store.projects.ensure({ key: 'path:/l', root: '/l', remoteUrl: null, name: 'l' });
        store.sessions.start({ agent: 'cli' });
      } catch (e) {
        error = e;
      }
      expect(classifyError(error).code).toBe('STORE_LOCKED');
      store.close();
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
  });
  it('opens a new store again when SQLite refuses a lock at once (no busy wait), until the busy timeout', () => {
    // Two processes creating one file can meet in a lock upgrade SQLite refuses at once with
    // SQLITE_BUSY, without calling the busy handler; a migration that fails that way stands in.
    const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    let refusals = 2;
    const migrations = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS[MIGRATIONS.length - 1]!.version + 1,
        name: 'refused twice',
        up: () => {
          if (refusals-- > 0) throw busy();
        },
      },
    ];
    const path = tempDb();
    const store = SqliteStore.open({ path, migrations });
    expect(refusals).toBe(-1);
    expect(store.info.schemaVersion).toBe(migrations[migrations.length - 1]!.version);
    store.close();

    // Refused every time: reported as a locked store once the busy timeout has passed.
    const always = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS[MIGRATIONS.length - 1]!.version + 1,
        name: 'refused',
        up: () => {
          throw busy();
        },
      },
    ];
    let error: unknown;
    try {
      SqliteStore.open({ path: tempDb(), migrations: always, busyTimeoutMs: 60 });
    } catch (e) {
      error = e;
    }
    expect(classifyError(error).code).toBe('STORE_LOCKED');
  });
});
