// Pins which Codex client a SessionStart replayed from the spool records. The background worker
// that replays it is not a child of Codex, so the client must come from what the hook process
// noted when it spooled the payload — never from the replaying process's own parents.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore, storePath } from '../../store/index.js';
import { backgroundFor } from '../hooks/spool-policy.js';
import { drainSpool } from '../hooks/spool-drain.js';
import { spoolHook } from '../hooks/spool-write.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'baton-codex-spooled-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const start = (id: string) =>
  JSON.stringify({
    session_id: id,
    cwd: '/nonexistent/codex-project',
    hook_event_name: 'SessionStart',
    source: 'startup',
    model: 'gpt-test',
  });

async function replayed(id: string, note?: Record<string, unknown>) {
  spoolHook(home, 'codex', start(id), Date.parse('2026-03-04T11:00:00Z'), 4242, note);
  const store = SqliteStore.open({ path: storePath(home) });
  try {
    const r = await drainSpool(store, home, { env: {}, brief: () => '' });
    expect(r.failed).toEqual([]);
    const session = store.sessions.list({}).find((s) => s.agentSessionId === id);
    return session?.meta;
  } finally {
    store.close();
  }
}

describe('a Codex SessionStart replayed from the spool', () => {
  it('records the client process the hook process noted', async () => {
    const noted = { agentProcess: { pid: 31337, start: '123456', boot: 'boot-id' } };
    const meta = await replayed('s-noted', noted);
    expect(meta?.agentProcess).toEqual(noted.agentProcess);
    expect(meta?.model).toBe('gpt-test');
  });

  it('records no client when nothing was noted (not the replaying process’s parent)', async () => {
    const meta = await replayed('s-plain');
    expect(meta).toBeDefined();
    expect(meta?.agentProcess).toBeNull();
  });

  it('is noted by the spec the hook process spools with', () => {
    const note = backgroundFor('codex', 'SessionStart')?.note;
    expect(note).toBeTypeOf('function');
    // This test process is no Codex client: the hook notes that it found none.
    expect(note?.({})).toEqual({ agentProcess: null });
  });
});
