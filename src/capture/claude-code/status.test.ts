// Pins what doctor learns about Claude Code capture: the last hook that reached the store, the
// last failure and how many, failures only the hook log saw, and what waits in the spool.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/index.js';
import { SqliteStore, storePath } from '../../store/index.js';
import { logFailure } from '../hooks/hook-runtime.js';
import { spoolHook } from '../hooks/spool-write.js';
import { claudeCodeStatus } from './status.js';

let home: string;
beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'baton-status-'))));
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('claudeCodeStatus', () => {
  it('reports the last hook seen, failures from the store and the log, and the spool', () => {
    const T = Date.parse('2026-03-04T12:00:00Z');
    const store = SqliteStore.open({ path: storePath(home), clock: fixedClock(T) });
    store.noteCapture('hook:claude-code');
    store.noteCapture('hook:claude-code', 'SessionStart: the store is locked by another process');
    logFailure(
      { home, clock: fixedClock(T) },
      'claude-code',
      'unknown',
      'hook payload is not JSON',
    );
    logFailure({ home, clock: fixedClock(T) }, 'codex', 'unknown', 'not ours');
    spoolHook(home, 'claude-code', '{}', T, 1);
    const env = { env: { HOME: join(home, 'nohome') }, cwd: home };
    const status = claudeCodeStatus(env, store, home);
    store.close();
    expect(status).toMatchObject({
      agent: 'claude-code',
      installed: false,
      lastSeenAt: T,
      lastError: 'SessionStart: the store is locked by another process',
      lastErrorAt: T,
      errorCount: 1,
      spooled: 1,
    });
    expect(status.recentLogLines).toEqual([
      expect.stringContaining('claude-code unknown hook payload is not JSON'),
    ]);
    expect(claudeCodeStatus(env, null, home)).toMatchObject({ lastSeenAt: null, errorCount: 0 });
  });
});
