// Pins Events.indexAfter (a bulk import's index rows written together at the end of its
// transaction) and Events.holderOfRef (a fork's parent found with one query): every event is
// still indexed exactly once and findable, a failure leaves neither events nor index rows, a
// session moved to another project meanwhile is indexed under its new project, and the index is
// written in fewer pieces than when its rows are interleaved with other writes.
import { describe, expect, it } from 'vitest';
import { openMemoryStore } from '../index.js';
import type { SqliteStore } from './sqlite-store.js';
import { ftsMetaToken } from '../fts-text.js';

function setup() {
  const store = openMemoryStore();
  const p = store.projects.ensure({ key: 'path:/p', root: '/p', remoteUrl: null, name: 'p' });
  const q = store.projects.ensure({ key: 'path:/q', root: '/q', remoteUrl: null, name: 'q' });
  const a = store.sessions.start({ agent: 'cli', projectId: p.id });
  const b = store.sessions.start({ agent: 'cli', projectId: p.id });
  return { store, p, q, a, b };
}

const hits = (store: SqliteStore, match: string) =>
  store
    .query<{ rowid: number }>('SELECT rowid FROM events_fts WHERE events_fts MATCH ?', [match])
    .map((r) => r.rowid);

/** Small appends, each followed by writes elsewhere (cursors and sessions, as an import's are). */
function appendInSteps(store: SqliteStore, sessionId: string, steps: number): number[] {
  const seqs: number[] = [];
  for (let i = 0; i < steps; i++) {
    const r = store.events.append([
      { sessionId, kind: 'note', source: 'cli', ref: `r${i}`, text: `alpha${i} beta${i} gamma` },
      { sessionId, kind: 'note', source: 'cli', ref: `s${i}`, text: `delta${i} common words` },
    ]);
    seqs.push(...(r.seqs as number[]));
    store.setCursor({
      path: `/t/${i}`,
      agent: 'cli',
      offset: i,
      size: i,
      mtimeMs: 0,
      fingerprint: 'f',
      state: {},
    });
    store.sessions.update(sessionId, { title: `step ${i}` });
  }
  return seqs;
}

describe('Events.indexAfter', () => {
  it('indexes every event appended inside it exactly once, when it returns', () => {
    const { store, a } = setup();
    const seqs = store.events.indexAfter(() => appendInSteps(store, a.id, 40));
    expect(seqs).toHaveLength(80);
    for (let i = 0; i < 40; i++) {
      expect(hits(store, `alpha${i}`)).toEqual([seqs[2 * i]]);
      expect(hits(store, `delta${i}`)).toEqual([seqs[2 * i + 1]]);
    }
    expect(hits(store, 'common')).toHaveLength(40);
    // Appends after it index at once again.
    const later = store.events.append([
      { sessionId: a.id, kind: 'note', source: 'cli', text: 'afterwards' },
    ]);
    expect(hits(store, 'afterwards')).toEqual(later.seqs);
    store.close();
  });

  it('writes the index in fewer pieces than rows interleaved with other writes', () => {
    const segments = (deferred: boolean) => {
      const { store, a } = setup();
      store.database.exec("INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 0)");
      if (deferred) store.events.indexAfter(() => appendInSteps(store, a.id, 30));
      else store.transaction(() => appendInSteps(store, a.id, 30));
      const n = store.query<{ n: number }>(
        'SELECT count(DISTINCT segid) AS n FROM events_fts_idx',
      )[0]!.n;
      expect(hits(store, 'common')).toHaveLength(30);
      store.close();
      return n;
    };
    const interleaved = segments(false);
    const together = segments(true);
    expect(interleaved).toBeGreaterThanOrEqual(10);
    expect(together).toBe(1);
  });

  it('leaves neither events nor index rows when it fails', () => {
    const { store, a } = setup();
    expect(() =>
      store.events.indexAfter(() => {
        appendInSteps(store, a.id, 3);
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(store.events.count()).toBe(0);
    expect(hits(store, 'common')).toEqual([]);
    const r = store.events.append([{ sessionId: a.id, kind: 'note', source: 'cli', text: 'next' }]);
    expect(hits(store, 'next')).toEqual(r.seqs);
    store.close();
  });

  it('indexes a session moved to another project meanwhile under its new project, once', () => {
    const { store, q, a } = setup();
    const seqs = store.events.indexAfter(() => {
      const s = appendInSteps(store, a.id, 2);
      store.sessions.update(a.id, { projectId: q.id });
      return s;
    });
    expect(hits(store, 'common').sort()).toEqual([seqs[1], seqs[3]].sort());
    const inQ = hits(store, `meta:${ftsMetaToken('project', q.id)}`);
    expect(inQ.sort()).toEqual([...seqs].sort());
    store.close();
  });
});

describe('Events.holderOfRef', () => {
  it('names the first of the sessions given that holds the ref', () => {
    const { store, a, b } = setup();
    const c = store.sessions.start({ agent: 'cli', projectId: null });
    store.events.append([
      { sessionId: a.id, kind: 'note', source: 'cli', ref: 'uuid:1', text: 'x' },
      { sessionId: b.id, kind: 'note', source: 'cli', ref: 'uuid:1', text: 'x' },
      { sessionId: b.id, kind: 'note', source: 'cli', ref: 'uuid:2', text: 'y' },
    ]);
    expect(store.events.holderOfRef([c.id, b.id, a.id], 'uuid:1')).toBe(b.id);
    expect(store.events.holderOfRef([a.id, b.id], 'uuid:1')).toBe(a.id);
    expect(store.events.holderOfRef([a.id, c.id], 'uuid:2')).toBeNull();
    expect(store.events.holderOfRef([], 'uuid:1')).toBeNull();
    store.close();
  });
});
