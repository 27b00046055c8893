// Pins the doctor: a healthy store has no problems; each kind of trouble (a damaged or loosely
// permitted file, a failing capture source, a session silent while "active", a crashing check)
// is reported with its status and a fix; plugged-in checks run beside the store's own.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyError, fixedClock } from '../core/index.js';
import { SqliteStore } from '../store/index.js';
import { STORE_CHECKS, problemsIn, result, runDoctor } from './index.js';
import type { CheckResult, DoctorCheck, DoctorContext } from './index.js';

const NOW = Date.parse('2026-04-10T12:00:00Z');
const DAY = 86_400_000;
const dirs: string[] = [];
const stores: SqliteStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function world(): { home: string; path: string } {
  const home = mkdtempSync(join(tmpdir(), 'baton-doctor-'));
  dirs.push(home);
  chmodSync(home, 0o700);
  return { home, path: join(home, 'baton.db') };
}

function open(path: string): SqliteStore {
  const store = SqliteStore.open({ path, clock: fixedClock(NOW, 1) });
  stores.push(store);
  return store;
}

function context(
  home: string,
  path: string,
  store: SqliteStore | null,
  error: unknown = null,
): DoctorContext {
  return {
    store,
    storeError: error === null ? null : classifyError(error),
    storePath: path,
    home,
    now: NOW,
    env: {},
    cwd: home,
    thorough: true,
  };
}

const byId = (results: CheckResult[], id: string) => results.find((r) => r.id === id);

describe('runDoctor', () => {
  it('finds no problem in a healthy store and reports its figures', async () => {
    const { home, path } = world();
    const store = open(path);
    const s = store.sessions.start({ agent: 'claude-code' });
    store.events.append([
      { sessionId: s.id, kind: 'note', text: 'x', source: 'cli' },
      { sessionId: s.id, kind: 'error', text: 'y', source: 'cli' },
    ]);
    store.noteCapture('hook:claude-code');
    const results = await runDoctor(context(home, path, store), STORE_CHECKS);
    expect(problemsIn(results)).toEqual([]);
    expect(byId(results, 'store')).toMatchObject({
      status: 'ok',
      data: { schemaVersion: store.info.schemaVersion },
    });
    expect(byId(results, 'integrity')?.summary).toBe('integrity_check: ok');
    expect(byId(results, 'contents')?.data).toMatchObject({
      events: 2,
      eventsByKind: { note: 1, error: 1 },
    });
    expect(byId(results, 'sessions')?.summary).toBe('claude-code 1');
    expect(byId(results, 'capture:hook:claude-code')?.status).toBe('ok');
    expect(byId(results, 'backup')).toMatchObject({ status: 'info', fix: 'baton backup' });
  });

  it('fails on a store that does not open, naming the backup to restore', async () => {
    const { home, path } = world();
    const store = open(path);
    await store.maintenance.backup(join(home, 'backups-made-by-hand.db'));
    mkdirSync(join(home, 'backups'));
    copyFileSync(
      join(home, 'backups-made-by-hand.db'),
      join(home, 'backups', 'baton-20260401-100000.db'),
    );
    store.close();
    stores.pop();
    writeFileSync(path, Buffer.alloc(4096, 1));
    let error: unknown;
    try {
      open(path);
    } catch (e) {
      error = e;
    }
    const results = await runDoctor(context(home, path, null, error), STORE_CHECKS);
    expect(byId(results, 'store')).toMatchObject({
      status: 'fail',
      fix: `restore the newest backup: baton restore-backup ${join(home, 'backups', 'baton-20260401-100000.db')}; or copy what the file still holds into a new store: baton doctor --salvage`,
    });
    expect(byId(results, 'integrity')).toBeUndefined();
  });

  it('warns about a failing capture source, a silent active session and loose permissions', async () => {
    const { home, path } = world();
    const store = open(path);
    store.sessions.start({ agent: 'codex', startedAt: NOW - 3 * DAY });
    store.noteCapture('hook:codex');
    store.noteCapture('hook:codex', 'cannot parse payload');
    chmodSync(path, 0o644);
    const results = await runDoctor(context(home, path, store), STORE_CHECKS);
    expect(
      problemsIn(results)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['capture:hook:codex', 'permissions', 'silent']);
    expect(byId(results, 'capture:hook:codex')?.details[0]).toMatch(/cannot parse payload/);
    expect(byId(results, 'permissions')?.fix).toBe(`chmod 600 ${path}`);
    expect(byId(results, 'silent')?.fix).toMatch(
      /^end them if they are over: baton session end SESSION-/,
    );
  });

  it('lists crashed sessions of the last week with the way back', async () => {
    const { home, path } = world();
    const store = open(path);
    const s = store.sessions.start({ agent: 'claude-code', startedAt: NOW - DAY });
    store.sessions.update(s.id, { status: 'crashed' });
    const results = await runDoctor(context(home, path, store), STORE_CHECKS);
    expect(byId(results, 'crashed')).toMatchObject({
      status: 'info',
      data: { handles: [s.handle] },
    });
  });

  it('runs plugged-in checks, and turns a check that throws into a failure of its own', async () => {
    const { home, path } = world();
    const store = open(path);
    const hooks: DoctorCheck = () => [
      result('hooks:claude-code', 'claude-code hooks', 'warn', 'not installed', {
        fix: 'baton install claude-code',
      }),
    ];
    const broken: DoctorCheck = function brokenCheck() {
      throw new Error('boom');
    };
    const results = await runDoctor(context(home, path, store), [...STORE_CHECKS, hooks, broken]);
    expect(byId(results, 'hooks:claude-code')?.fix).toBe('baton install claude-code');
    expect(byId(results, 'check:brokenCheck')).toMatchObject({
      status: 'fail',
      summary: 'the check itself failed: boom',
    });
  });
});
