// Pins backup and restore: a backup taken while another process keeps writing is one consistent
// moment of the store, a self-contained file that passes its check; restore puts it back and
// keeps the replaced store aside; damaged and foreign files are refused with a clear error.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BatonError } from '../../core/index.js';
import { restoreBackup, verifyBackup } from '../restore-backup.js';
import { SqliteStore } from './sqlite-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-backup-'));
  dirs.push(dir);
  return dir;
}

const storeModule = new URL('../index.ts', import.meta.url).pathname;

/** Another process appending events in small transactions until killed. */
function startWriter(path: string, sessionId: string) {
  const code = `
    import { SqliteStore } from ${JSON.stringify(storeModule)};
    const store = SqliteStore.open({ path: ${JSON.stringify(path)} });
    let i = 0;
    process.stdout.write('ready\\n');
    for (;;) {
      store.events.append(Array.from({ length: 20 }, () => ({ sessionId: ${JSON.stringify(sessionId)}, kind: 'note', text: 'concurrent note ' + i++, source: 'cli' })));
    }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return { child, ready };
}

describe('backup', () => {
  it('copies one consistent moment while another process writes', async () => {
    const dir = tempDir();
    const path = join(dir, 'baton.db');
    const store = SqliteStore.open({ path });
    const s = store.sessions.start({ agent: 'cli' });
    store.events.append(
      Array.from({ length: 20_000 }, (_, i) => ({
        sessionId: s.id,
        kind: 'note' as const,
        text: `seed note ${i} with some words to make pages`,
        source: 'cli' as const,
      })),
    );
    const writer = startWriter(path, s.id);
    await writer.ready;
    await new Promise((r) => setTimeout(r, 300));
    const backups = [];
    for (let i = 0; i < 3; i++) backups.push(await store.maintenance.backup(join(dir, `b${i}.db`)));
    writer.child.kill();
    await new Promise((r) => writer.child.once('exit', r));
    store.close();

    const counts = backups.map((b) => {
      expect(existsSync(`${b.path}-wal`)).toBe(false);
      expect(statSync(b.path).mode & 0o777).toBe(0o600);
      const copy = SqliteStore.open({ path: b.path, readonly: true });
      const [row] = copy.query<{ events: number; counted: number }>(
        'SELECT (SELECT count(*) FROM events) AS events, (SELECT sum(event_count) FROM sessions) AS counted',
      );
      expect(copy.maintenance.integrityCheck()).toEqual([]);
      copy.close();
      // Events and the session's counter are written in one transaction: equal means consistent.
      expect(row!.events).toBe(row!.counted);
      return row!.events;
    });
    expect(counts[0]).toBeGreaterThan(20_000);
    expect(counts[2]).toBeGreaterThan(counts[0]!);
    expect(verifyBackup(backups[0]!.path).events).toBe(counts[0]);
  });

  it('refuses to overwrite an existing file', async () => {
    const dir = tempDir();
    const store = SqliteStore.open({ path: join(dir, 'baton.db') });
    writeFileSync(join(dir, 'taken.db'), 'x');
    await expect(store.maintenance.backup(join(dir, 'taken.db'))).rejects.toMatchObject({
      code: 'IO',
    });
    store.close();
  });
});

describe('restore', () => {
  it('puts a backup in place and keeps the replaced store and its WAL aside', async () => {
    const dir = tempDir();
    const path = join(dir, 'baton.db');
    const store = SqliteStore.open({ path });
    const s = store.sessions.start({ agent: 'cli', title: 'before the backup' });
    await store.maintenance.backup(join(dir, 'good.db'));
    store.sessions.update(s.id, { title: 'after the backup' });
    store.close();

    const report = restoreBackup(join(dir, 'good.db'), path, Date.parse('2026-05-01T10:00:00Z'));
    expect(report).toMatchObject({
      sessions: 1,
      events: 0,
      previous: `${path}.before-restore-20260501T100000`,
    });
    const restored = SqliteStore.open({ path });
    expect(restored.sessions.get(s.id)?.title).toBe('before the backup');
    restored.close();
    const previous = SqliteStore.open({ path: report.previous!, readonly: true });
    expect(previous.sessions.get(s.id)?.title).toBe('after the backup');
    previous.close();
  });

  it('refuses a damaged file or one that is not a Baton store', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'junk.db'), 'this is not sqlite at all, just text'.repeat(200));
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return [(e as BatonError).code, (e as BatonError).message];
      }
      return ['none', ''];
    };
    expect(code(() => restoreBackup(join(dir, 'junk.db'), join(dir, 'baton.db'), 0))).toEqual([
      'INVALID_INPUT',
      expect.stringMatching(/is not a usable Baton backup/),
    ]);
    expect(code(() => verifyBackup(join(dir, 'missing.db')))[0]).toBe('NOT_FOUND');
    expect(readdirSync(dir)).toEqual(['junk.db']);
  });

  it('works when the store it replaces is too damaged to open', async () => {
    const dir = tempDir();
    const path = join(dir, 'baton.db');
    const store = SqliteStore.open({ path });
    store.sessions.start({ agent: 'cli' });
    await store.maintenance.backup(join(dir, 'good.db'));
    store.close();
    writeFileSync(path, Buffer.alloc(8192, 7));
    expect(() => SqliteStore.open({ path })).toThrow(BatonError);
    restoreBackup(join(dir, 'good.db'), path, 0);
    const back = SqliteStore.open({ path });
    expect(back.sessions.list()).toHaveLength(1);
    back.close();
  });
});
