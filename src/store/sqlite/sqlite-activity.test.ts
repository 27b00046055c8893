// The named reads recovery and diagnostics use: each answers from what was appended, and the
// settings read by prefix takes the prefix literally (no LIKE wildcards).
import { describe, expect, it } from 'vitest';
import { openMemoryStore } from '../index.js';

function setup() {
  const store = openMemoryStore();
  const p = store.projects.ensure({ key: 'path:/p', root: '/p', remoteUrl: null, name: 'p' });
  const a = store.sessions.start({ agent: 'cli', projectId: p.id });
  const add = (kind: 'note' | 'error' | 'system', text: string) =>
    store.events.append([{ sessionId: a.id, kind, source: 'cli', text }]).seqs[0]!;
  return { store, p, a, add };
}

describe('activity', () => {
  it('reads a session tail newest first, by kind, with text cut and counts', () => {
    const { store, a, add } = setup();
    const first = add('note', 'one two three');
    add('error', 'it broke');
    const last = add('note', 'four');
    const tail = store.activity.sessionTail(a.id, { upToSeq: last, limit: 2, textCap: 3 });
    expect(tail.map((e) => [e.kind, e.text])).toEqual([
      ['note', 'fou'],
      ['error', 'it '],
    ]);
    const errors = store.activity.sessionTail(a.id, {
      upToSeq: last,
      limit: 5,
      textCap: 100,
      kind: 'error',
    });
    expect(errors.map((e) => e.text)).toEqual(['it broke']);
    expect(store.activity.sessionEventCount(a.id, first)).toBe(1);
    expect(store.activity.sessionErrorCount(a.id)).toBe(1);
    expect(store.activity.sessionHasEventsAfter(a.id, first)).toBe(true);
    expect(store.activity.sessionHasEventsAfter(a.id, last)).toBe(false);
  });

  it('does not count system events as project work', () => {
    const { store, p, add } = setup();
    const seq = add('note', 'work');
    add('system', 'session started');
    expect(store.activity.projectHasWorkAfter(p.id, seq)).toBe(false);
    add('note', 'more work');
    expect(store.activity.projectHasWorkAfter(p.id, seq)).toBe(true);
    expect(store.activity.projectEventCount(p.id, seq, seq + 10)).toBe(2);
  });

  it('finds the last session, skipping subagents and the excluded one', () => {
    const { store, p, a, add } = setup();
    add('note', 'x');
    const sub = store.sessions.start({ agent: 'cli', projectId: p.id, parentId: a.id });
    store.sessions.update(sub.id, { parentKind: 'subagent', lastActivityAt: Date.now() + 1000 });
    const empty = store.sessions.start({ agent: 'cli', projectId: p.id });
    store.sessions.update(empty.id, { lastActivityAt: Date.now() + 2000 });
    expect(store.activity.lastSessionId(p.id, '', true)).toBe(a.id);
    expect(store.activity.lastSessionId(p.id, '', false)).toBe(empty.id);
    expect(store.activity.lastSessionId(p.id, empty.id, false)).toBe(a.id);
    expect(store.activity.continuedBy(a.id)).toBeNull();
    store.sessions.start({ agent: 'cli', projectId: p.id, parentId: a.id, parentKind: 'clear' });
    expect(store.activity.continuedBy(a.id)).toBe('clear');
  });

  it('finds mentions through the full-text index and throws on a query FTS5 rejects', () => {
    const { store, p, a, add } = setup();
    add('note', 'fix the parser bug');
    add('note', 'unrelated');
    const hits = store.activity.projectMentions(p.id, '"parser bug"', { limit: 5, textCap: 7 });
    expect(hits).toMatchObject([{ text: 'fix the', sessionId: a.id }]);
    expect(() => store.activity.projectMentions(p.id, '"open', { limit: 5, textCap: 7 })).toThrow();
  });
});

describe('stats and settings', () => {
  it('counts events, records and sessions', () => {
    const { store, p, add } = setup();
    add('note', 'a');
    add('note', 'b');
    add('error', 'c');
    store.todos.add({ projectId: p.id, content: 't' });
    expect(store.stats.eventsByKind()).toEqual([
      { kind: 'note', n: 2 },
      { kind: 'error', n: 1 },
    ]);
    expect(store.stats.recordCounts()).toEqual({
      todos: 1,
      decisions: 0,
      facts: 0,
      checkpoints: 0,
      projects: 1,
    });
    expect(store.stats.sessionsByAgent()).toEqual([{ agent: 'cli', n: 1, active: 1, crashed: 0 }]);
    expect(store.stats.activeSilentSince(Number.MAX_SAFE_INTEGER)).toHaveLength(1);
    expect(store.stats.crashedSince(0)).toEqual([]);
    store.noteCapture('hook:x', 'boom');
    expect(store.stats.captureSources()).toMatchObject([
      { source: 'hook:x', lastSeenAt: null, lastError: 'boom', errorCount: 1 },
    ]);
  });

  it('reads settings by a literal prefix', () => {
    const { store } = setup();
    store.setSetting('a_b.1', 1);
    store.setSetting('axb.2', 2);
    expect([...store.settingsWithPrefix('a_b.')]).toEqual([['a_b.1', 1]]);
  });
});
