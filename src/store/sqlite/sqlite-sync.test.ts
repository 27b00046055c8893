// Pins the store's side of sync without a server: records out as states and back in on another
// store, events that arrive before their session, a session whose agent id is taken here, and
// conflicts and positions kept.
import { afterEach, describe, expect, it } from 'vitest';
import { openMemoryStore } from '../index.js';
import type { SqliteStore } from '../index.js';

const stores: SqliteStore[] = [];
const open = () => {
  const s = openMemoryStore();
  stores.push(s);
  return s;
};
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function seeded() {
  const a = open();
  const project = a.projects.ensure({
    key: 'git:acme/app',
    root: '/a/app',
    remoteUrl: null,
    name: 'app',
  });
  const session = a.sessions.start({
    agent: 'codex',
    agentSessionId: 'x-1',
    projectId: project.id,
  });
  a.events.append([{ sessionId: session.id, kind: 'note', text: 'ocelot trail', source: 'cli' }]);
  const todo = a.todos.add({ projectId: project.id, content: 'feed the ocelot' });
  return { a, project, session, todo };
}

describe('store sync support', () => {
  it('gives its records as states another store writes back the same', () => {
    const { a, todo } = seeded();
    const b = open();
    const entries = a.sync.changedRecords('', 100);
    expect(entries.map((e) => e.kind).sort()).toEqual(['project', 'session', 'todo']);
    b.sync.applyRecords(entries);
    const p = b.projects.get('git:acme/app')!;
    expect(b.todos.get(p.id, todo.id)?.content).toBe('feed the ocelot');
    const back = b.sync.states(entries.map((e) => ({ kind: e.kind, id: e.id })));
    for (const e of entries) expect(back.get(`${e.kind}:${e.id}`)?.fields).toEqual(e.state.fields);
  });

  it('counts and indexes events that came before their session', () => {
    const { a, session } = seeded();
    const b = open();
    const events = a.sync.ownEvents(0, 100).map((e) => e.event);
    expect(b.sync.applyEvents(events)).toEqual({ inserted: 1, skipped: 0 });
    expect(b.sync.applyEvents(events)).toEqual({ inserted: 0, skipped: 1 });
    b.sync.applyRecords(a.sync.changedRecords('', 100));
    expect(b.sessions.get(session.id)?.eventCount).toBe(1);
    const hits = b.query<{ n: number }>(
      "SELECT count(*) AS n FROM events_fts WHERE events_fts MATCH 'ocelot'",
    );
    expect(hits[0]?.n).toBe(1);
  });

  it('keeps a pulled session whose agent session id is already used here', () => {
    const { a, session } = seeded();
    const b = open();
    const local = b.sessions.start({ agent: 'codex', agentSessionId: 'x-1' });
    b.sync.applyRecords(a.sync.changedRecords('', 100));
    expect(b.sessions.get(session.id)?.agentSessionId).toBeNull();
    expect(b.sessions.get(local.id)?.agentSessionId).toBe('x-1');
  });

  it('sends only its own events, and keeps conflicts and positions', () => {
    const { a } = seeded();
    const b = open();
    b.sync.applyRecords(a.sync.changedRecords('', 100));
    b.sync.applyEvents(a.sync.ownEvents(0, 100).map((e) => e.event));
    expect(b.sync.ownEvents(0, 100)).toEqual([]);
    b.sync.addConflicts([
      {
        kind: 'todo',
        recordId: 'T',
        field: 'content',
        mine: 'x',
        mineHlc: 'h1',
        theirs: 'y',
        theirsHlc: 'h2',
      },
    ]);
    const [c] = b.sync.conflicts({ open: true });
    expect(c).toMatchObject({ recordId: 'T', mine: 'x', theirs: 'y', resolvedAt: null });
    b.sync.settleConflict(c!.id, 'mine');
    expect(b.sync.conflicts({ open: true })).toEqual([]);
    b.sync.setPosition('remote', 'pull', '42');
    expect(b.sync.position('remote', 'pull')).toBe('42');
  });
});
