// Pins the records of Events JSONL: an export carries todos, decisions, context facts (project
// and global) and components after the events, and importing it into an empty store gives back
// the same records and the same events; a second import adds nothing; record lines of an unknown
// type or version are counted and skipped; a bad record line is reported by number and field.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/index.js';
import { openMemoryStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { eventLineV1 } from '../../schemas/index.js';
import { exportEvents } from './export-events.js';
import { importEvents } from './import-events.js';
import type { EventsImportOptions } from './import-events.js';
import { exportRecords } from './record-lines.js';

const T0 = Date.parse('2026-03-04T05:06:07.000Z');
const fromText = (text: string) => Readable.from([text]);
const exportAll = (store: Store) =>
  [...exportEvents(store), ...exportRecords(store, null)].join('');

function seed(): Store {
  const store = openMemoryStore(fixedClock(T0, 11));
  const a = store.projects.ensure({ key: 'path:/w/a', root: '/w/a', remoteUrl: null, name: 'a' });
  const b = store.projects.ensure({ key: 'name:b', root: 'b', remoteUrl: null, name: 'b' });
  const s = store.sessions.start({ agent: 'codex', agentSessionId: 'thread-9', projectId: a.id });
  store.events.append([
    { sessionId: s.id, ts: T0, kind: 'user_message', text: 'plan it', source: 'hook', ref: 'u' },
  ]);
  const t1 = store.todos.add({
    projectId: a.id,
    content: 'write the parser',
    priority: 'high',
    component: 'parser',
    externalKey: 'plan:1',
    originSessionId: s.id,
  });
  store.todos.update(t1.id, { status: 'in_progress', activeForm: 'writing the parser' });
  const t2 = store.todos.add({ projectId: a.id, content: 'ship ✓ ünïcødé' });
  store.todos.update(t2.id, { status: 'completed' });
  store.todos.add({ projectId: b.id, content: 'blocked one', status: 'blocked' });
  const d = store.decisions.add({
    projectId: a.id,
    decision: 'use SQLite',
    reasoning: 'one file',
    files: ['src/db.ts'],
    sessionId: s.id,
  });
  store.decisions.update(d.id, { status: 'superseded', outcome: 'moved to WAL' });
  store.facts.set({ projectId: a.id, key: 'test.cmd', value: 'npm test', category: 'build' });
  store.facts.set({
    projectId: null,
    key: 'editor',
    value: { name: 'vim', tabs: [2, 4] },
    priority: 'high',
    expiresAt: T0 + 86_400_000,
    sessionId: s.id,
  });
  store.components.set({ projectId: a.id, name: 'parser', status: 'red', health: 0.25 });
  store.components.set({ projectId: b.id, name: 'ui', metadata: { owner: 'me', n: 3 } });
  return store;
}

/** Every record in the store as users see it: projects by folder, sessions by their agent's id. */
function records(store: Store) {
  const project = (id: string | null) => (id === null ? null : store.projects.get(id)!.root);
  const session = (id: string | null) =>
    id === null ? null : store.sessions.get(id)!.agentSessionId;
  const out: unknown[] = [];
  for (const p of store.projects.list().sort((x, y) => x.root.localeCompare(y.root))) {
    for (const t of store.todos.list({ projectId: p.id })) {
      out.push({
        ...t,
        projectId: project(t.projectId),
        originSessionId: session(t.originSessionId),
        updatedAt: 0,
        hlc: 0,
        machineId: 0,
      });
    }
    for (const d of store.decisions.list({ projectId: p.id })) {
      out.push({
        ...d,
        projectId: project(d.projectId),
        sessionId: session(d.sessionId),
        updatedAt: 0,
        hlc: 0,
        machineId: 0,
      });
    }
    for (const c of store.components.list(p.id)) {
      const { id: _id, updatedAt: _u, lastChecked: _l, hlc: _h, machineId: _m, ...rest } = c;
      out.push({ ...rest, projectId: project(c.projectId) });
    }
  }
  const facts = store.facts.list({ projectId: null, includeExpired: true, now: 0 });
  for (const p of store.projects.list()) {
    facts.push(
      ...store.facts.list({ projectId: p.id, includeGlobal: false, includeExpired: true, now: 0 }),
    );
  }
  for (const f of facts.sort((x, y) => x.key.localeCompare(y.key))) {
    const { id: _id, updatedAt: _u, hlc: _h, machineId: _m, ...rest } = f;
    out.push({ ...rest, projectId: project(f.projectId), sessionId: session(f.sessionId) });
  }
  return out;
}

describe.each([
  { thread: 'worker', batchSize: 5000 },
  { thread: 'main', batchSize: 2 },
] as const)('records in Events JSONL ($thread thread)', (mode) => {
  const opts = (): EventsImportOptions => ({ schema: eventLineV1, ...mode });

  it('export → import into an empty store gives back the records and the events', async () => {
    const source = seed();
    const text = exportAll(source);
    const want = records(source);
    expect(want).toHaveLength(8); // 3 todos, 1 decision, 2 components, 2 facts (one global)
    const fresh = openMemoryStore();
    const r = await importEvents(fresh, fromText(text), opts());
    expect(r).toMatchObject({
      imported: 1,
      malformed: [],
      records: { todo: 3, decision: 1, fact: 2, component: 2 },
      unknownRecords: {},
    });
    expect(records(fresh)).toEqual(want);
    expect([...exportEvents(fresh)].join('')).toBe([...exportEvents(source)].join(''));
    // And the export of the copy is the export of the original, byte for byte.
    expect(exportAll(fresh)).toBe(text);

    const again = await importEvents(fresh, fromText(text), opts());
    expect(again).toMatchObject({ imported: 0, duplicates: 1 });
    expect(records(fresh)).toEqual(want);
  });

  it('counts and skips record lines it does not know, and reports bad ones by line', async () => {
    const lines = [
      '{"session":"s","ts":"2026-01-01T00:00:00Z","kind":"note","text":"ok"}',
      '{"record":"todo","v":1,"project":"/w/p","id":"01TODO","content":"kept"}',
      '{"record":"checklist","v":1,"project":"/w/p","items":[]}',
      '{"record":"todo","v":2,"project":"/w/p","id":"01TODO2","content":"from a newer Baton"}',
      '{"record":"todo","v":1,"project":"/w/p","id":"01TODO3"}',
      '{"record":"decision","v":1,"project":"/w/p","id":"01D","decision":"x","status":"maybe"}',
      '{"record":"checklist","v":1}',
    ];
    const store = openMemoryStore();
    const r = await importEvents(store, fromText(lines.join('\n')), opts());
    expect(r.imported).toBe(1);
    expect(r.records).toEqual({ todo: 1 });
    expect(r.unknownRecords).toEqual({ 'checklist@1': 2, 'todo@2': 1 });
    expect(r.malformed.map((m) => [m.line, m.message])).toEqual([
      [5, 'field "content": a non-empty string'],
      [6, 'field "status": one of active, superseded, reverted'],
    ]);
    const project = store.projects.get('/w/p') ?? store.projects.list()[0]!;
    expect(store.todos.list({ projectId: project.id }).map((t) => t.content)).toEqual(['kept']);
  });
});
