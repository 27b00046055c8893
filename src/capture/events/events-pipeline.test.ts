// Pins the import's worker: it redacts and indexes exactly as the store does on its own thread,
// a failing worker or input ends the import with that one-line error (and no worker left
// running), and a line the schema must judge keeps its place and its line number.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { SqliteStore, openMemoryStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { eventLineV1 } from '../../schemas/index.js';
import { exportEvents } from './export-events.js';
import { importEvents } from './import-events.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const SECRET = 'sk-ant-api03-' + 'A'.repeat(40);
const LINES = [
  `{"session":"s1","ts":"2026-01-01T00:00:00Z","kind":"tool_call","tool":"Bash","text":"export KEY=${SECRET}","data":{"input":{"file_path":"src/useSession.ts","token":"${SECRET}"}},"ref":"a"}`,
  // Off the fast path (an offset, the 31st): judged by the schema on the store's thread.
  '{"session":"s2","ts":"2026-01-31T23:59:59+05:30","kind":"note","text":"second"}',
  '{"session":"s1","ts":"2026-01-01T00:00:01Z","kind":"gossip"}',
  '{"session":"s1","ts":"2026-01-01T00:00:02Z","kind":"note","text":"third"}',
].join('\n');

const fromText = (text: string) => Readable.from([text]);
const rows = (store: Store) =>
  store.query(
    `SELECT e.kind, e.text, e.data, e.ref, s.agent_session_id AS session FROM events e
     JOIN sessions s ON s.id = e.session_id ORDER BY e.seq`,
  );
const matches = (store: Store, q: string) =>
  store.query<{ n: number }>('SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?', [
    q,
  ])[0]!.n;

it('stores and indexes what the store thread alone would, redacted', async () => {
  const viaWorker = openMemoryStore();
  const here = openMemoryStore();
  const a = await importEvents(viaWorker, fromText(LINES), { schema: eventLineV1, batchSize: 1 });
  const b = await importEvents(here, fromText(LINES), { schema: eventLineV1, thread: 'main' });
  expect(a).toEqual(b);
  expect(a).toMatchObject({ lines: 4, imported: 3, sessions: 2 });
  expect(a.malformed.map((m) => m.line)).toEqual([3]);
  const stored = rows(viaWorker);
  expect(stored.map((r) => r.session)).toEqual(['s1', 's2', 's1']);
  expect(JSON.stringify(stored)).not.toContain(SECRET);
  expect(JSON.stringify(stored)).toContain('[REDACTED:');
  for (const store of [viaWorker, here]) {
    expect(matches(store, '{files} : "src/useSession.ts"')).toBe(1);
    expect(matches(store, 'session')).toBe(1);
    expect(matches(store, 'AAAAAAAAAAAAAAAAAAAA')).toBe(0);
  }
  // Different stores, different redaction keys: compare what each exports, minus the hashes.
  const plain = (s: Store) => [...exportEvents(s)].join('').replace(/REDACTED:(\w+):\w+/g, '$1');
  expect(plain(viaWorker)).toBe(plain(here));
});

function workerScript(body: string): URL {
  const dir = mkdtempSync(join(tmpdir(), 'baton-worker-'));
  dirs.push(dir);
  const path = join(dir, 'worker.mjs');
  writeFileSync(path, body);
  return pathToFileURL(path);
}

it('ends with the worker’s own error when the worker fails', async () => {
  const workerUrl = workerScript("throw new Error('cannot start: no such thing');");
  await expect(
    importEvents(openMemoryStore(), fromText(LINES), { schema: eventLineV1, workerUrl }),
  ).rejects.toThrow(/^cannot start: no such thing$/);
});

it('says so when the worker stops without finishing', async () => {
  const workerUrl = workerScript('process.exit(3);');
  await expect(
    importEvents(openMemoryStore(), fromText(LINES), { schema: eventLineV1, workerUrl }),
  ).rejects.toThrow("the import's worker stopped early (exit code 3)");
});

it('ends with the input’s error when reading fails, keeping the batches written', async () => {
  const store = openMemoryStore();
  async function* failing() {
    yield Buffer.from(LINES.split('\n')[0]! + '\n');
    await new Promise((r) => setTimeout(r, 50));
    throw new Error('EIO: i/o error, read');
  }
  await expect(
    importEvents(store, Readable.from(failing()), { schema: eventLineV1, batchSize: 1 }),
  ).rejects.toThrow('EIO: i/o error, read');
  expect(store.events.count()).toBe(1);
});

it('has the worker checkpoint the WAL while this thread writes, then gives checkpoints back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-ckpt-'));
  dirs.push(dir);
  const path = join(dir, 'baton.db');
  const store = SqliteStore.open({ path });
  const before = statSync(path).size;
  const lines = Array.from(
    { length: 400 },
    (_, i) =>
      `{"session":"s${i % 3}","ts":"2026-01-01T00:00:00Z","kind":"note","text":"note ${i} ${'word '.repeat(40)}","ref":"r${i}"}`,
  ).join('\n');
  const r = await importEvents(store, fromText(lines), { schema: eventLineV1, batchSize: 50 });
  expect(r.imported).toBe(400);
  // Far below the 1,000 pages at which a commit checkpoints by itself: only the worker's
  // checkpoints can have grown the store file.
  expect(store.maintenance.fileSizes().wal).toBeLessThan(1000 * 4096);
  expect(statSync(path).size).toBeGreaterThan(before + 100_000);
  expect(store.database.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  store.close();
});
