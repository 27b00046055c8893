// Pins forgetting: what each selector deletes or rewrites, that dry runs change nothing, that the
// audit log keeps ids and counts but not the text, and — after compaction — that the forgotten
// text is gone from the bytes of the database file and its WAL.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/index.js';
import type { JsonObject, BatonError } from '../../core/index.js';
import { SqliteStore } from './sqlite-store.js';
import { decodeBlock } from './raw-codec.js';

const NEEDLE = 'Plutonium-7734-Orchid';
const T0 = Date.parse('2026-02-01T12:00:00Z');
const DAY = 86_400_000;
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'baton-forget-'));
  dirs.push(dir);
  const path = join(dir, 'baton.db');
  return { path, store: SqliteStore.open({ path, clock: fixedClock(T0 + 30 * DAY, 1) }) };
}

/** A store where the needle sits in every place text can sit, beside plenty that must survive. */
function seed(store: SqliteStore) {
  const p = store.projects.ensure({ key: 'path:/p', root: '/p', remoteUrl: null, name: 'p' });
  const old = store.sessions.start({
    agent: 'claude-code',
    projectId: p.id,
    startedAt: T0,
    title: `about ${NEEDLE.toLowerCase()}`,
  });
  const recent = store.sessions.start({
    agent: 'codex',
    projectId: p.id,
    startedAt: T0 + 20 * DAY,
  });
  const filler = (sessionId: string, ts: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      sessionId,
      kind: 'note' as const,
      text: `ordinary note ${i} about the build`,
      source: 'cli' as const,
      ts: ts + i,
    }));
  store.events.append([
    ...filler(old.id, T0, 50),
    {
      sessionId: old.id,
      kind: 'user_message',
      text: `the launch code is ${NEEDLE}`,
      source: 'api',
      ts: T0 + 100,
    },
    {
      sessionId: old.id,
      kind: 'tool_call',
      tool: 'Write',
      text: 'Write notes.md',
      data: { content: `x ${NEEDLE} y` },
      source: 'api',
      ts: T0 + 101,
    },
    {
      sessionId: old.id,
      kind: 'tool_result',
      text: 'ok',
      raw: { out: `echo ${NEEDLE.toUpperCase()}` },
      source: 'transcript',
      ts: T0 + 102,
    },
    ...filler(recent.id, T0 + 20 * DAY, 50),
    {
      sessionId: recent.id,
      kind: 'assistant_message',
      text: `I will not repeat ${NEEDLE}.`,
      source: 'api',
      ts: T0 + 20 * DAY + 100,
    },
  ]);
  const oldCp = store.checkpoints.insert({
    sessionId: old.id,
    projectId: p.id,
    trigger: 'manual',
    journalSeq: 53,
    snapshot: JSON.stringify({ recent: [`said ${NEEDLE}`], todos: ['keep this'] }),
    createdAt: T0 + 200,
  });
  const recentCp = store.checkpoints.insert({
    sessionId: recent.id,
    projectId: p.id,
    trigger: 'manual',
    journalSeq: 104,
    snapshot: JSON.stringify({ recent: ['nothing secret'] }),
    createdAt: T0 + 20 * DAY + 200,
  });
  const todo = store.todos.add({
    projectId: p.id,
    content: `rotate ${NEEDLE}`,
    originSessionId: old.id,
  });
  const keptTodo = store.todos.add({
    projectId: p.id,
    content: 'write the changelog',
    originSessionId: old.id,
  });
  const decision = store.decisions.add({
    projectId: p.id,
    decision: 'use vault',
    reasoning: `because ${NEEDLE} leaked`,
    sessionId: old.id,
  });
  const fact = store.facts.set({ projectId: p.id, key: 'codename', value: { name: NEEDLE } });
  store.noteCapture('hook:claude-code', `failed to parse line containing ${NEEDLE}`);
  store.audit('todo.add', `rotate ${NEEDLE}`, { content: NEEDLE });
  return { p, old, recent, oldCp, recentCp, todo, keptTodo, decision, fact };
}

function rawBlocksHave(store: SqliteStore, text: string): boolean {
  return store
    .query<{ data: Buffer }>('SELECT data FROM raw_blocks')
    .some((b) => decodeBlock(b.data).toString('utf8').toLowerCase().includes(text));
}

function fileHas(path: string, text: string): boolean {
  const bytes = [path, `${path}-wal`].filter(existsSync).map((f) => readFileSync(f));
  const needles = [text, text.toLowerCase(), text.toUpperCase()].map((t) => Buffer.from(t));
  return bytes.some((b) => needles.some((n) => b.includes(n)));
}

describe('forget --match', () => {
  it('removes the text from every table, then compaction removes it from the file bytes', () => {
    const { path, store } = open();
    const s = seed(store);
    expect(fileHas(path, NEEDLE)).toBe(true);
    expect(fileHas(path, 'plutonium')).toBe(true);
    expect(rawBlocksHave(store, 'plutonium')).toBe(true);

    const report = store.maintenance.forget({ match: NEEDLE.toLowerCase() });
    expect(report).toMatchObject({
      events: 4,
      todos: 1,
      decisions: 1,
      facts: 1,
      checkpointsRewritten: 1,
      checkpointsDeleted: 0,
      sessions: 0,
      sessionsRewritten: 1,
      logLinesRewritten: 2,
    });
    expect(report.ids.events).toHaveLength(4);

    const compacted = store.maintenance.compact();
    expect(compacted.walTruncated).toBe(true);
    store.close();
    // The text, and the index terms made from it, are gone from the file and its WAL.
    expect(fileHas(path, NEEDLE)).toBe(false);
    expect(fileHas(path, 'plutonium')).toBe(false);
    expect(fileHas(path, 'orchid')).toBe(false);

    const again = SqliteStore.open({ path });
    expect(again.events.count()).toBe(100);
    // The source record sat compressed in a block shared with its neighbours: blanked there too.
    expect(rawBlocksHave(again, 'plutonium')).toBe(false);
    expect(again.sessions.get(s.old.id)?.eventCount).toBe(50);
    expect(again.sessions.get(s.old.id)?.title).toBe('about [forgotten]');
    expect(JSON.parse(again.checkpoints.snapshot(s.oldCp.id))).toEqual({
      recent: ['said [forgotten]'],
      todos: ['keep this'],
    });
    expect(again.todos.list({ projectId: s.p.id }).map((t) => t.content)).toEqual([
      'write the changelog',
    ]);
    expect(again.decisions.list({ projectId: s.p.id })).toEqual([]);
    expect(again.facts.list({ projectId: s.p.id, now: T0 })).toEqual([]);
    expect(
      again.query('SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH ?', ['ordinary']),
    ).toEqual([{ n: 100 }]);
    again.close();
  });

  it('audits ids and counts, never the text', () => {
    const { store } = open();
    seed(store);
    store.maintenance.forget({ match: NEEDLE }, { actor: 'test' });
    const [line] = store.query<{ action: string; actor: string; target: string; detail: string }>(
      "SELECT action, actor, target, detail FROM audit_log WHERE action = 'forget'",
    );
    expect(line).toMatchObject({
      action: 'forget',
      actor: 'test',
      target: 'text of 21 characters',
    });
    const detail = JSON.parse(line!.detail) as JsonObject;
    expect(detail).toMatchObject({ selector: { match: { length: 21 } }, counts: { events: 4 } });
    expect(line!.detail.toLowerCase()).not.toContain('plutonium');
    store.close();
  });

  it('counts without changing anything on a dry run', () => {
    const { store } = open();
    const s = seed(store);
    const dry = store.maintenance.forget({ match: NEEDLE }, { dryRun: true });
    const real = store.maintenance.forget({ match: NEEDLE });
    expect(dry).toEqual(real);
    expect(store.sessions.get(s.old.id)).not.toBeNull();
    store.close();
  });

  it('narrows to a session when both are given', () => {
    const { store } = open();
    const s = seed(store);
    const report = store.maintenance.forget({ match: NEEDLE, sessionId: s.recent.id });
    expect(report.events).toBe(1);
    expect(report.todos + report.decisions).toBe(0);
    expect(store.events.count({ sessionId: s.old.id })).toBe(53);
    store.close();
  });
});

describe('forget --session', () => {
  it('deletes the session, its events and checkpoints, and unlinks its records', () => {
    const { store } = open();
    const s = seed(store);
    const report = store.maintenance.forget({ sessionId: s.old.id });
    expect(report).toMatchObject({ events: 53, sessions: 1, checkpointsDeleted: 1 });
    expect(report.ids.sessions).toEqual([s.old.id]);
    expect(store.sessions.get(s.old.id)).toBeNull();
    expect(store.checkpoints.get(s.oldCp.id)).toBeNull();
    expect(store.todos.get(s.p.id, s.keptTodo.id)?.originSessionId).toBeNull();
    expect(store.events.count()).toBe(51);
    store.close();
  });
});

describe('forget --before', () => {
  it('deletes older events and checkpoints, and the sessions it empties, keeping records', () => {
    const { store } = open();
    const s = seed(store);
    store.sessions.update(s.old.id, { status: 'ended' });
    const report = store.maintenance.forget({ before: T0 + 10 * DAY });
    expect(report).toMatchObject({ events: 53, sessions: 1, checkpointsDeleted: 1, todos: 0 });
    expect(store.sessions.get(s.recent.id)?.eventCount).toBe(51);
    expect(store.checkpoints.get(s.recentCp.id)).not.toBeNull();
    expect(store.todos.list({ projectId: s.p.id })).toHaveLength(2);
    store.close();
  });

  it('keeps an active session even when its events are all old', () => {
    const { store } = open();
    const s = seed(store);
    const report = store.maintenance.forget({ before: T0 + 10 * DAY });
    expect(report.sessions).toBe(0);
    expect(store.sessions.get(s.old.id)?.eventCount).toBe(0);
    store.close();
  });
});

it('refuses to forget nothing, or a text too short to mean anything', () => {
  const { store } = open();
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return (e as BatonError).code;
    }
    return 'none';
  };
  expect(code(() => store.maintenance.forget({}))).toBe('USAGE');
  expect(code(() => store.maintenance.forget({ match: 'ab' }))).toBe('USAGE');
  store.close();
});
