// Pins opening a hit in its context: every way a person copies an event's name finds it, the
// window holds the session's events around it (never another session's), and a name that finds
// nothing says so with NOT_FOUND.
import { describe, expect, it } from 'vitest';
import { BatonError, fixedClock } from '../core/index.js';
import { openMemoryStore } from '../store/index.js';
import { showEvent } from './index.js';

function setup() {
  const store = openMemoryStore(fixedClock(Date.parse('2026-03-05T09:00:00Z'), 1));
  const project = store.projects.ensure({ key: 'path:/a', root: '/a', remoteUrl: null, name: 'a' });
  const a = store.sessions.start({ agent: 'cli', projectId: project.id });
  const b = store.sessions.start({ agent: 'cli', projectId: project.id });
  // Interleaved, so that a session's neighbours are not its neighbours in the journal.
  for (let i = 1; i <= 12; i++) {
    store.events.append([
      { sessionId: a.id, kind: 'user_message', text: `a${i}`, source: 'cli' },
      { sessionId: b.id, kind: 'user_message', text: `b${i}`, source: 'cli' },
    ]);
  }
  return { store, a: store.sessions.get(a.id)!, world: { store } };
}

const texts = (r: ReturnType<typeof showEvent>) => r.events.map((e) => e.text);

describe('showEvent', () => {
  it('finds an event by its number in any spelling, by id, and by SESSION#N', () => {
    const { store, a, world } = setup();
    const sixth = store.events.nthInSession(a.id, 6)!;
    expect(sixth.text).toBe('a6');
    for (const ref of [sixth.seq, String(sixth.seq), `#${sixth.seq}`, `@${sixth.seq}`, sixth.id]) {
      expect(showEvent(world, { event: ref }).anchor.seq).toBe(sixth.seq);
    }
    expect(showEvent(world, { event: `${a.handle}#6` }).anchor.seq).toBe(sixth.seq);
    expect(showEvent(world, { event: `${a.id}#6` }).anchor.seq).toBe(sixth.seq);
  });

  it('shows the events of the same session around it, with their places', () => {
    const { a, world } = setup();
    const shown = showEvent(world, { event: `${a.handle}#6`, before: 2, after: 3 });
    expect(texts(shown)).toEqual(['a4', 'a5', 'a6', 'a7', 'a8', 'a9']);
    expect(shown.position).toBe(6);
    expect(shown.firstPosition).toBe(4);
    const start = showEvent(world, { event: `${a.handle}#1` });
    expect(texts(start)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
    expect(start.firstPosition).toBe(1);
  });

  it('says NOT_FOUND for an unknown number, session or place', () => {
    const { a, world } = setup();
    for (const ref of ['99999', `${a.handle}#13`, 'nobody#1', 'no-such-id', '']) {
      expect(() => showEvent(world, { event: ref })).toThrow(BatonError);
      try {
        showEvent(world, { event: ref });
      } catch (error) {
        expect((error as BatonError).code).toBe('NOT_FOUND');
      }
    }
  });

  it('rejects a window outside 0–1000 as USAGE', () => {
    const { world } = setup();
    expect(() => showEvent(world, { event: 1, before: -1 })).toThrow(/before/);
  });
});
