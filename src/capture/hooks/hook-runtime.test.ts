// Pins that a hook never fails the agent (garbage stdin, a locked store: exit 0, nothing on stdout,
// the failure in the hook log) and that spooled hot events reach the store exactly as if written
// directly, once, in order, with the time the hook ran.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/index.js';
import { Database, SqliteStore, storePath } from '../../store/index.js';
import type { HookDeps, HookWorld } from './hook-runtime.js';
import { hookLogPath } from './hook-names.js';
import { runHook } from './hook-runtime.js';
import { handleClaudeHook } from '../claude-code/hook-handler.js';
import { drainSpool, spooledCount } from './spool-drain.js';
import { spoolDir, spoolHook } from './spool-write.js';

let home: string;
let out: string[];

const sink = (into: string[]) =>
  new Writable({
    write(chunk: Buffer, _e, done) {
      into.push(chunk.toString());
      done();
    },
  });

function world(): HookWorld {
  return {
    env: {},
    stdout: sink(out),
    stderr: sink([]),
    clock: fixedClock(Date.parse('2026-03-04T12:00:00Z')),
    home,
    pid: 4242,
  };
}

function deps(busyTimeoutMs = 5000): HookDeps {
  return {
    handler: handleClaudeHook,
    openStore: () => SqliteStore.open({ path: storePath(home), busyTimeoutMs }),
    brief: () => 'the brief',
  };
}

const payload = (event: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ session_id: 's-1', cwd: '/nonexistent/p', hook_event_name: event, ...extra });

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'baton-hook-'));
  out = [];
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('runHook', () => {
  it('exits 0 on garbage stdin, prints nothing, and logs why', async () => {
    expect(await runHook('claude-code', '\u0000not json{', world(), deps())).toBe(0);
    expect(await runHook('claude-code', '[1,2]', world(), deps())).toBe(0);
    expect(out).toEqual([]);
    const log = readFileSync(hookLogPath(home), 'utf8');
    expect(log).toMatch(/claude-code unknown hook payload is not JSON/);
    expect(log).toMatch(/not a JSON object/);
  });

  it('on a store held by another process, SessionStart still prints its brief and the start is recorded later', async () => {
    const start = payload('SessionStart', { source: 'startup' });
    await runHook('claude-code', start, world(), deps()); // The project exists from now on.
    out = [];
    const other = new Database(storePath(home));
    other.exec('BEGIN IMMEDIATE');
    try {
      const d: HookDeps = {
        ...deps(50),
        openSnapshot: () => SqliteStore.open({ path: storePath(home), readonly: true }),
      };
      expect(await runHook('claude-code', start, world(), d)).toBe(0);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(JSON.parse(out[0]!)).toEqual({
      hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: 'the brief' },
    });
    expect(spooledCount(home)).toBe(1);
    expect(readFileSync(hookLogPath(home), 'utf8')).toMatch(/SessionStart .*busy/);
    await runHook('claude-code', payload('Stop'), world(), deps());
    const store = SqliteStore.open({ path: storePath(home) });
    const starts = store.events.list({}).filter((e) => e.text === 'session start: startup');
    store.close();
    expect(starts).toHaveLength(2);
    expect(spooledCount(home)).toBe(0);
  });

  it('keeps no part of an unparseable payload in the hook log', async () => {
    await runHook('claude-code', 'password=hunter2-not-json', world(), deps());
    expect(readFileSync(hookLogPath(home), 'utf8')).not.toMatch(/hunter2/);
  });

  it('notes a failure in the store’s capture log when the store is reachable', async () => {
    await runHook(
      'claude-code',
      JSON.stringify({ hook_event_name: 'PreToolUse' }),
      world(),
      deps(),
    );
    const store = SqliteStore.open({ path: storePath(home) });
    const [row] = store.query<{ last_error: string; error_count: number }>(
      'SELECT last_error, error_count FROM capture_log WHERE source = ?',
      ['hook:claude-code'],
    );
    store.close();
    expect(row).toMatchObject({ error_count: 1 });
    expect(row?.last_error).toMatch(/no session_id/);
  });

  it('prints only the handler’s JSON on SessionStart', async () => {
    await runHook('claude-code', payload('SessionStart', { source: 'startup' }), world(), deps());
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!)).toEqual({
      hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: 'the brief' },
    });
  });

  it('drains the spool before handling an event, keeping arrival times and order', async () => {
    const t = Date.parse('2026-03-04T11:00:00Z');
    spoolHook(home, 'claude-code', payload('UserPromptSubmit', { prompt: 'first' }), t, 1);
    spoolHook(
      home,
      'claude-code',
      payload('PreToolUse', {
        tool_name: 'Bash',
        tool_input: { command: 'ls' },
        tool_use_id: 'toolu_1',
      }),
      t + 5,
      2,
    );
    expect(spooledCount(home)).toBe(2);
    await runHook('claude-code', payload('Stop'), world(), deps());
    expect(spooledCount(home)).toBe(0);
    const store = SqliteStore.open({ path: storePath(home) });
    const events = store.events.list({});
    store.close();
    expect(events.map((e) => [e.kind, e.ts])).toEqual([
      ['user_message', t],
      ['tool_call', t + 5],
      ['system', Date.parse('2026-03-04T12:00:00Z')],
    ]);
  });
});

describe('drainSpool', () => {
  it('replays each payload once, even if drained twice, and parks what cannot be replayed', async () => {
    spoolHook(home, 'claude-code', payload('UserPromptSubmit', { prompt: 'again' }), 1000, 1);
    spoolHook(home, 'no-such-agent', payload('PreToolUse'), 1001, 1);
    writeFileSync(
      join(spoolDir(home), '0000000001002-1-9-x.hook'),
      '{"agent":"claude-code","receivedAt":1002}\n{broken',
    );
    const store = SqliteStore.open({ path: storePath(home) });
    try {
      const first = await drainSpool(store, home, { env: {}, brief: () => '' });
      const second = await drainSpool(store, home, { env: {}, brief: () => '' });
      expect(first.replayed).toBe(1);
      expect(first.failed.map((f) => f.message)).toEqual([
        expect.stringMatching(/unknown agent/),
        expect.stringMatching(/JSON/),
      ]);
      expect(second).toMatchObject({ replayed: 0, failed: [], left: 0 });
      expect(store.events.count()).toBe(1);
      expect(readdirSync(join(spoolDir(home), 'failed'))).toHaveLength(2);
    } finally {
      store.close();
    }
  });

  it('takes over claims left by a drainer that died, and replays each payload once', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const file = spoolHook(
      home,
      'claude-code',
      payload('UserPromptSubmit', { prompt: 'kept' }),
      7,
      1,
    );
    renameSync(file, `${file}.claimed-${dead}`);
    const store = SqliteStore.open({ path: storePath(home) });
    try {
      const r = await drainSpool(store, home, { env: {}, brief: () => '' });
      expect(r.replayed).toBe(1);
      expect(store.events.count()).toBe(1);
      expect(readdirSync(spoolDir(home))).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('a payload whose replay committed but whose file was not yet removed adds nothing again', async () => {
    const file = spoolHook(home, 'claude-code', payload('UserPromptSubmit', { prompt: 'x' }), 7, 1);
    const copy = readFileSync(file);
    const store = SqliteStore.open({ path: storePath(home) });
    try {
      await drainSpool(store, home, { env: {}, brief: () => '' });
      writeFileSync(file, copy); // As if killed between the commit and the removal.
      const again = await drainSpool(store, home, { env: {}, brief: () => '' });
      expect(again.failed).toEqual([]);
      expect(store.events.count()).toBe(1);
      expect(readdirSync(spoolDir(home))).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('puts a payload back when the store is busy, and replays what an older drain parked in failed/', async () => {
    const file = spoolHook(home, 'claude-code', payload('UserPromptSubmit', { prompt: 'p' }), 7, 1);
    SqliteStore.open({ path: storePath(home) }).close();
    const other = new Database(storePath(home));
    const store = SqliteStore.open({ path: storePath(home), busyTimeoutMs: 20 });
    try {
      other.exec('BEGIN IMMEDIATE');
      const busy = await drainSpool(store, home, { env: {}, brief: () => '' });
      other.exec('ROLLBACK');
      expect(busy).toMatchObject({ replayed: 0, failed: [], left: 1 });
      expect(spooledCount(home)).toBe(1);
      mkdirSync(join(spoolDir(home), 'failed'));
      renameSync(file, join(spoolDir(home), 'failed', basename(file)));
      const r = await drainSpool(store, home, { env: {}, brief: () => '' });
      expect(r.replayed).toBe(1);
      expect(store.events.count()).toBe(1);
    } finally {
      other.close();
      store.close();
    }
  });

  it('replays many payloads in one commit, and hands the lock back between time slices', async () => {
    for (let i = 0; i < 30; i++)
      spoolHook(home, 'claude-code', payload('UserPromptSubmit', { prompt: `p${i}` }), 100 + i, 1);
    const store = SqliteStore.open({ path: storePath(home) });
    let batches = 0;
    const real = store.onceBatch.bind(store);
    store.onceBatch = (fn) => {
      batches++;
      return real(fn);
    };
    try {
      // A clock that stands still: every replay fits the first slice.
      const one = await drainSpool(store, home, { env: {}, brief: () => '' }, { now: () => 0 });
      expect(one).toMatchObject({ replayed: 30, failed: [], left: 0 });
      expect(batches).toBe(1);
      for (let i = 0; i < 30; i++)
        spoolHook(
          home,
          'claude-code',
          payload('UserPromptSubmit', { prompt: `q${i}` }),
          200 + i,
          1,
        );
      // A clock 20 ms on at every look: a slice holds a few replays, then commits.
      let t = 0;
      batches = 0;
      const many = await drainSpool(
        store,
        home,
        { env: {}, brief: () => '' },
        { now: () => (t += 20) },
      );
      expect(many).toMatchObject({ replayed: 30, failed: [], left: 0 });
      expect(batches).toBeGreaterThan(5);
      expect(store.events.count()).toBe(60);
      expect(readdirSync(spoolDir(home))).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('stops at its time budget and leaves the rest in the spool for the next drain', async () => {
    for (let i = 0; i < 10; i++)
      spoolHook(home, 'claude-code', payload('UserPromptSubmit', { prompt: `p${i}` }), 100 + i, 1);
    const store = SqliteStore.open({ path: storePath(home) });
    try {
      let t = 0;
      const r = await drainSpool(
        store,
        home,
        { env: {}, brief: () => '' },
        { now: () => (t += 40), budgetMs: 100 },
      );
      expect(r.replayed).toBeGreaterThan(0);
      expect(r.replayed + r.left).toBe(10);
      expect(r.left).toBeGreaterThan(0);
      expect(spooledCount(home)).toBe(r.left);
      const rest = await drainSpool(store, home, { env: {}, brief: () => '' });
      expect(rest).toMatchObject({ replayed: r.left, failed: [], left: 0 });
      expect(store.events.count()).toBe(10);
    } finally {
      store.close();
    }
  });

  it('keeps spooled payloads encrypted at rest', () => {
    const path = spoolHook(
      home,
      'claude-code',
      payload('UserPromptSubmit', { prompt: 'sk-secret-42' }),
      5,
      7,
    );
    expect(readFileSync(path, 'utf8')).not.toMatch(/sk-secret-42|UserPromptSubmit/);
  });

  it('writes whole files only: a reader never sees a half-written payload', () => {
    const path = spoolHook(home, 'claude-code', payload('PreToolUse'), 5, 7);
    expect(existsSync(path)).toBe(true);
    expect(readdirSync(spoolDir(home)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(readFileSync(path, 'utf8').split('\n')[0]!)).toMatchObject({
      agent: 'claude-code',
      receivedAt: 5,
    });
  });
});
