// Pins that a hook never fails the agent (garbage stdin, a locked store: exit 0, nothing on stdout,
// the failure in the hook log) and that spooled hot events reach the store exactly as if written
// directly, once, in order, with the time the hook ran.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('exits 0 when another process holds the store, and says so in the log', async () => {
    SqliteStore.open({ path: storePath(home) }).close();
    const other = new Database(storePath(home));
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(
        await runHook(
          'claude-code',
          payload('SessionStart', { source: 'startup' }),
          world(),
          deps(50),
        ),
      ).toBe(0);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(out).toEqual([]);
    expect(readFileSync(hookLogPath(home), 'utf8')).toMatch(/SessionStart .*locked/);
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
      expect(second).toEqual({ replayed: 0, failed: [] });
      expect(store.events.count()).toBe(1);
      expect(readdirSync(join(spoolDir(home), 'failed'))).toHaveLength(2);
    } finally {
      store.close();
    }
  });

  it('writes whole files only: a reader never sees a half-written payload', () => {
    const path = spoolHook(home, 'claude-code', payload('PreToolUse'), 5, 7);
    expect(existsSync(path)).toBe(true);
    expect(readdirSync(spoolDir(home)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe(
      '{"agent":"claude-code","receivedAt":5}',
    );
  });
});
