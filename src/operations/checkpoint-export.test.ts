// Pins checkpoints in Events JSONL: an export carries each checkpoint as a record line, and an
// import into another store — one whose journal positions and ids differ — rewrites every id and
// position its snapshot holds to that store's own: the session, the project, the todos' and
// decisions' sessions, the facts' and components' ids, the recent events' seqs, the journal
// position. Importing twice adds nothing; checkpoint lines of an unknown version or with a bad
// field are counted or reported by line number, and the rest imports.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exportEvents, exportRecords, importEvents } from '../capture/index.js';
import { fixedClock } from '../core/index.js';
import { createCheckpoint, loadSnapshot, restoreCheckpoint } from '../recover/index.js';
import { eventLineV1 } from '../schemas/index.js';
import { openMemoryStore } from '../store/index.js';
import type { Store } from '../store/index.js';

const T0 = Date.parse('2026-03-04T05:06:07.000Z');
const fromText = (text: string) => Readable.from([text]);
const opts = { schema: eventLineV1, thread: 'main' as const };

function seed() {
  const store = openMemoryStore(fixedClock(T0, 11));
  const a = store.projects.ensure({ key: 'path:/w/a', root: '/w/a', remoteUrl: null, name: 'a' });
  const other = store.sessions.start({ agent: 'codex', agentSessionId: 'elsewhere' });
  const s = store.sessions.start({ agent: 'codex', agentSessionId: 'thread-9', projectId: a.id });
  let n = 0;
  const ev = (sessionId: string, kind: 'user_message' | 'command' | 'error', text: string) =>
    store.events.append([
      { sessionId, ts: T0 + n * 1000, kind, text, source: 'hook', ref: `r${n++}` },
    ]);
  ev(s.id, 'user_message', 'plan the cart');
  ev(other.id, 'user_message', 'unrelated');
  ev(s.id, 'command', 'npm test');
  ev(s.id, 'error', 'cart.test.ts failed');
  ev(other.id, 'user_message', 'unrelated again');
  store.todos.add({ projectId: a.id, content: 'fix the cart', originSessionId: s.id });
  store.decisions.add({ projectId: a.id, decision: 'cents', sessionId: s.id });
  store.facts.set({ projectId: a.id, key: 'test.cmd', value: 'npm test', sessionId: s.id });
  store.components.set({ projectId: a.id, name: 'cart', status: 'red' });
  const cp = createCheckpoint(store, {
    session: s.id,
    trigger: 'manual',
    label: 'before',
    now: T0 + 10_000,
    git: null,
    cwd: null,
  });
  store.todos.add({ projectId: a.id, content: 'after the checkpoint' });
  return { store, project: a, checkpoint: cp };
}

const exportProject = (store: Store, projectId: string) =>
  [...exportEvents(store, { projectId }), ...exportRecords(store, projectId)].join('');

describe('checkpoints in Events JSONL', () => {
  it('map every id and journal position onto the importing store', async () => {
    const { store: source, project, checkpoint } = seed();
    const text = exportProject(source, project.id);
    expect(text).toContain('{"record":"checkpoint","v":1,');

    // A store with a journal of its own: the same events get other seqs here.
    const target = openMemoryStore();
    const mine = target.sessions.start({ agent: 'cli' });
    target.events.append(
      ['x', 'y', 'z'].map((t) => ({
        sessionId: mine.id,
        ts: T0,
        kind: 'note' as const,
        text: t,
        source: 'cli',
      })),
    );
    const r = await importEvents(target, fromText(text), opts);
    expect(r.malformed).toEqual([]);
    expect(r.records).toMatchObject({ checkpoint: 1 });

    const got = target.checkpoints.get(checkpoint.id)!;
    const session = target.sessions.findByAgentId('codex', 'thread-9')!;
    const projectB = target.projects.list().find((p) => p.root === '/w/a')!;
    expect(got).toMatchObject({ sessionId: session.id, projectId: projectB.id, label: 'before' });
    expect(got.projectId).not.toBe(project.id);
    // The journal position: the last of the project's events before the checkpoint, as seq here.
    const lastB = target.events.list({ projectId: projectB.id, order: 'desc', limit: 1 })[0]!;
    expect(got.journalSeq).toBe(lastB.seq);
    expect(got.journalSeq).not.toBe(checkpoint.journalSeq);

    const was = loadSnapshot(source, checkpoint);
    const snap = loadSnapshot(target, got);
    expect(snap.journalSeq).toBe(got.journalSeq);
    expect(snap.session).toMatchObject({
      id: session.id,
      handle: session.handle,
      projectId: projectB.id,
      agentSessionId: 'thread-9',
      eventCount: was.session.eventCount,
    });
    expect(snap.project).toEqual({ id: projectB.id, name: 'a', root: '/w/a' });
    expect(snap.todos.map((t) => [t.id, t.content, t.projectId, t.originSessionId])).toEqual(
      was.todos.map((t) => [t.id, t.content, projectB.id, session.id]),
    );
    expect(snap.decisions.map((d) => [d.id, d.projectId, d.sessionId])).toEqual(
      was.decisions.map((d) => [d.id, projectB.id, session.id]),
    );
    const liveFact = target.facts.list({ projectId: projectB.id, includeGlobal: false, now: 0 });
    expect(snap.facts.map((f) => [f.id, f.key, f.value, f.projectId, f.sessionId])).toEqual([
      [liveFact[0]!.id, 'test.cmd', 'npm test', projectB.id, session.id],
    ]);
    expect(snap.components.map((c) => [c.id, c.name, c.projectId])).toEqual([
      [target.components.list(projectB.id)[0]!.id, 'cart', projectB.id],
    ]);
    // The recent events: the same events, by this store's seqs.
    const texts = (s: Store, seqs: number[]) => seqs.map((q) => s.events.get(q)?.text);
    const seqs = (x: typeof snap) => [...x.recent.actions, ...x.recent.errors, ...x.recent.prompts];
    expect(seqs(snap).length).toBeGreaterThan(0);
    expect(
      texts(
        target,
        seqs(snap).map((a) => a.seq),
      ),
    ).toEqual(
      texts(
        source,
        seqs(was).map((a) => a.seq),
      ),
    );
    expect(seqs(snap).map((a) => a.seq)).not.toEqual(seqs(was).map((a) => a.seq));

    // The copy exports the same bytes; a second import adds nothing.
    expect(exportProject(target, projectB.id)).toBe(text);
    const again = await importEvents(target, fromText(text), opts);
    expect(again.records.checkpoint).toBeUndefined();
    expect(target.checkpoints.list({})).toHaveLength(1);

    // And it restores here: the todo added after it is rolled back.
    const restored = restoreCheckpoint(target, { checkpoint: got.id, rollback: true, now: T0 });
    expect(restored.rolledBack).toMatchObject({ todos: 1 });
    expect(target.todos.list({ projectId: projectB.id }).map((t) => t.content)).toEqual([
      'fix the cart',
    ]);
  });

  it('counts unknown checkpoint lines, reports bad ones by line, imports the rest', async () => {
    const { store: source, project } = seed();
    const text = exportProject(source, project.id).trimEnd().split('\n');
    const good = JSON.parse(text.find((l) => l.includes('"record":"checkpoint"'))!) as Record<
      string,
      unknown
    >;
    const events = text.filter((l) => !l.includes('"record"'));
    const lines = [
      ...events,
      JSON.stringify({ ...good, v: 2 }),
      JSON.stringify({ ...good, id: 'bad-1', snapshot: 'garbled' }),
      JSON.stringify({ ...good, id: 'bad-2', createdAt: 'yesterday' }),
      JSON.stringify({ ...good, id: 'bad-3', session: 'nobody' }),
      JSON.stringify({ ...good, id: 'bad-4', gitDirty: [1] }),
      JSON.stringify(good),
    ];
    const target = openMemoryStore();
    const r = await importEvents(target, fromText(lines.join('\n')), opts);
    const at = events.length;
    expect(r.unknownRecords).toEqual({ 'checkpoint@2': 1 });
    expect(r.malformed.map((m) => [m.line, m.message])).toEqual([
      [at + 2, 'field "snapshot": a checkpoint snapshot'],
      [at + 3, 'field "createdAt": an ISO-8601 time'],
      [at + 4, 'field "session": no session "nobody" in the file or the store'],
      [at + 5, 'field "gitDirty": a list of strings'],
    ]);
    expect(r.records.checkpoint).toBe(1);
    expect(target.checkpoints.list({}).map((c) => c.id)).toEqual([good.id]);
  });
});
