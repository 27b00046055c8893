// Pins how a short query is read: three words or fewer typed as keywords put the hits holding all
// of them first, whatever their scores; the same words asked as a question are ranked by score
// alone, so a turn that answers it strongly without repeating every word comes first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/index.js';
import { SqliteStore } from '../store/index.js';
import { search } from './index.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
let dir: string;
let store: SqliteStore;
let whole: string;
let strong: string;

function session(agentSessionId: string, texts: string[]): string[] {
  const project = store.projects.ensure({
    key: 'path:/work/q',
    root: '/work/q',
    remoteUrl: null,
    name: 'q',
  }).id;
  const s = store.sessions.start({ agent: 'claude-code', agentSessionId, projectId: project });
  const { seqs } = store.events.append(
    texts.map((text, i) => ({
      sessionId: s.id,
      source: 'api' as const,
      kind: 'user_message' as const,
      ts: T0 + i * 60_000,
      text,
    })),
  );
  return seqs.map((seq) => store.events.get(seq!)!.id);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-search-question-'));
  store = SqliteStore.open({ path: join(dir, 'baton.db'), clock: fixedClock(T0, 1) });
  // "pipeline" is common, "canary" and "rollback" rare.
  session(
    'filler',
    Array.from({ length: 30 }, (_, i) => `the pipeline ran step ${i} of the nightly build`),
  );
  const filler = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
  whole = session('whole', [`${filler} canary rollback pipeline ${filler}`])[0]!;
  strong = session('strong', ['canary rollback: the canary failed, so rollback the canary'])[0]!;
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (query: string) =>
  search(store, { query, limit: 10 }).hits.map((h) => h.event?.id ?? '');

describe('a short query', () => {
  it('typed as keywords puts the hits holding every word first', () => {
    expect(ids('canary rollback pipeline').slice(0, 2)).toEqual([whole, strong]);
  });

  it('asked as a question is ranked by score alone', () => {
    expect(ids('why did the canary rollback pipeline stop?').slice(0, 2)).toEqual([strong, whole]);
    expect(ids('canary rollback pipeline?').slice(0, 2)).toEqual([strong, whole]);
  });
});
