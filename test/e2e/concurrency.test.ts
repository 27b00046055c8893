// Pins "many processes may write at once": eight writer processes share one store and nothing is
// lost or duplicated; a writer killed with SIGKILL loses nothing it had acknowledged.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'baton-conc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const writer = resolve(import.meta.dirname, 'store-writer.ts');

function startWriter(path: string, name: string, sessions: number, events: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', writer, path, name, String(sessions), String(events)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const acked: string[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    acked.push(...lines);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  return { child, acked, done, stderr: () => stderr };
}

describe('concurrent writers', () => {
  it('eight processes append at once and every event and handle survives, once', async () => {
    const path = join(dir, 'shared.db');
    SqliteStore.open({ path }).close();
    const writers = Array.from({ length: 8 }, (_, i) => startWriter(path, `w${i}`, 3, 40));
    const codes = await Promise.all(writers.map((w) => w.done));
    expect(codes, writers.map((w) => w.stderr()).join('\n')).toEqual(Array(8).fill(0));

    const store = SqliteStore.open({ path });
    expect(store.events.count()).toBe(8 * 3 * 40);
    const sessions = store.sessions.list({ agent: 'writer' });
    expect(sessions).toHaveLength(24);
    expect(new Set(sessions.map((s) => s.handle)).size).toBe(24);
    for (const s of sessions) expect(s.eventCount).toBe(40);
    const refs = store.query<{ n: number }>(
      'SELECT count(DISTINCT session_id || ref) AS n FROM events',
    )[0]!;
    expect(refs.n).toBe(960);
    store.close();
  });

  it('a writer killed with SIGKILL loses none of its acknowledged events', async () => {
    const path = join(dir, 'killed.db');
    SqliteStore.open({ path }).close();
    const w = startWriter(path, 'victim', 1, 100_000);
    await new Promise<void>((res) => {
      const timer = setInterval(() => {
        if (w.acked.length >= 200) {
          clearInterval(timer);
          res();
        }
      }, 10);
    });
    w.child.kill('SIGKILL');
    await w.done;
    const acknowledged = [...w.acked];
    const store = SqliteStore.open({ path });
    expect(store.database.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(
      store.query<{ ref: string }>('SELECT ref FROM events').map((r) => r.ref),
    );
    for (const ref of acknowledged) expect(stored.has(ref), ref).toBe(true);
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    store.close();
  });
});
