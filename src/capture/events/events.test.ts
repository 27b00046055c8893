// Pins Events JSONL v1: export → import into an empty store → export is byte-identical; a second
// import adds nothing; malformed lines are reported by number and field while the rest imports —
// all alike whether lines are prepared on a worker thread (the default) or on the store's thread.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/index.js';
import { openMemoryStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import { exportEvents } from './export-events.js';
import { eventLineV1 } from '../../schemas/index.js';
import { importEvents } from './import-events.js';
import type { EventsImportOptions } from './import-events.js';

const T0 = Date.parse('2026-02-03T04:05:06.789Z');
const exportAll = (store: Store) => [...exportEvents(store)].join('');
const fromText = (text: string) => Readable.from([text]);

function seed(): Store {
  const store = openMemoryStore(fixedClock(T0, 7));
  const a = store.projects.ensure({
    key: 'path:/work/a',
    root: '/work/a',
    remoteUrl: null,
    name: 'a',
  });
  const b = store.projects.ensure({ key: 'name:b', root: 'b', remoteUrl: null, name: 'b' });
  const s1 = store.sessions.start({
    agent: 'claude-code',
    agentSessionId: 'uuid-1',
    projectId: a.id,
    title: 'Fix ✓ unicode — ünïcødé',
  });
  const s2 = store.sessions.start({ agent: 'cli', projectId: b.id });
  store.events.append([
    {
      sessionId: s1.id,
      ts: T0,
      kind: 'user_message',
      role: 'user',
      text: 'hello\nworld "quoted" \u2028 tab\t',
      source: 'hook',
      ref: 'u1',
    },
    {
      sessionId: s1.id,
      ts: T0 + 1,
      kind: 'tool_call',
      tool: 'Bash',
      text: 'npm test',
      data: { input: { command: 'npm test', nested: [1, 2.5, null, true] } },
      source: 'hook',
      ref: 't1',
    },
    { sessionId: s2.id, ts: T0 + 2, kind: 'note', text: 'by hand', source: 'cli' },
    {
      sessionId: s1.id,
      ts: T0 + 3,
      kind: 'error',
      text: 'boom',
      data: {},
      source: 'transcript',
      ref: 'e1',
    },
  ]);
  return store;
}

describe.each([
  { thread: 'worker', batchSize: 5000 },
  { thread: 'worker', batchSize: 2 },
  { thread: 'main', batchSize: 2 },
] as const)('Events JSONL v1 ($thread thread, batches of $batchSize)', (mode) => {
  const opts = (): EventsImportOptions => ({ schema: eventLineV1, ...mode });

  it('round-trips byte for byte through an empty store', async () => {
    const first = exportAll(seed());
    const fresh = openMemoryStore();
    const r = await importEvents(fresh, fromText(first), opts());
    expect(r).toMatchObject({ imported: 4, duplicates: 0, malformed: [], sessions: 2 });
    expect(exportAll(fresh)).toBe(first);
    expect(first.split('\n')[0]).toContain(
      '"session":"uuid-1","agent":"claude-code","project":"/work/a"',
    );
  });

  it('adds nothing when the same file is imported twice, refs or not', async () => {
    const text =
      exportAll(seed()) +
      '{"session":"x","ts":"2026-01-01T00:00:00Z","kind":"note","text":"no ref"}\n';
    const store = openMemoryStore();
    const once = await importEvents(store, fromText(text), opts());
    const twice = await importEvents(store, fromText(text), opts());
    expect(once.imported).toBe(5);
    expect(twice).toMatchObject({ imported: 0, duplicates: 5 });
    expect(store.events.count()).toBe(5);
  });

  it('re-importing an export into the store it came from adds nothing', async () => {
    const store = seed();
    const r = await importEvents(store, fromText(exportAll(store)), opts());
    expect(r).toMatchObject({ imported: 0, duplicates: 4 });
  });

  it('reports malformed lines by number and field, and imports the rest', async () => {
    const lines = [
      '{"session":"s","ts":"2026-01-01T00:00:00Z","kind":"note","text":"ok 1"}',
      '{"session":"s","ts":"2026-01-01T00:00:00Z","kind":"note"', // truncated
      '{"session":"s","ts":"yesterday","kind":"note"}',
      '{"session":"s","ts":"2026-01-01T00:00:00Z","kind":"gossip"}',
      '',
      '{"ts":"2026-01-01T00:00:00Z","kind":"note"}',
      '{"session":"s","ts":"2026-01-01T00:00:00Z","kind":"note","colour":"red"}',
      '[1,2,3]',
      '{"session":"s","ts":"2026-01-01T00:00:01Z","kind":"note","text":"ok 2"}',
    ];
    const store = openMemoryStore();
    const r = await importEvents(store, fromText(lines.join('\n')), opts());
    expect(r.imported).toBe(2);
    expect(r.malformed.map((m) => m.line)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(r.malformed[0]).toMatchObject({ reason: 'json' });
    expect(r.malformed[1]!.message).toMatch(/field "ts"/);
    expect(r.malformed[2]!.message).toMatch(/field "kind"/);
    expect(r.malformed[3]!.message).toMatch(/field "session"/);
    expect(r.malformed[4]!.message).toMatch(/colour/);
  });

  it('accepts what the schema accepts even off the fast path (offsets, odd days)', async () => {
    const store = openMemoryStore();
    const r = await importEvents(
      store,
      fromText(
        [
          '{"session":"s","ts":"2026-01-31T23:59:59+05:30","kind":"note"}',
          '{"session":"s","ts":"2024-02-29T00:00:00.123456Z","kind":"note"}',
        ].join('\n'),
      ),
      opts(),
    );
    expect(r).toMatchObject({ imported: 2, malformed: [] });
  });
});
