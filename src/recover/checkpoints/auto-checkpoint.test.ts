// Pins automatic checkpoints: every trigger takes one; plain activity takes one only after the
// interval and only if something happened since; a burst of errors takes one; and each automatic
// checkpoint is followed by the session's retention.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorld } from '../__fixtures__/world.js';
import type { TempWorld } from '../__fixtures__/world.js';
import { autoTriggerOf, onTrigger } from './auto-checkpoint.js';

let w: TempWorld;
beforeEach(() => {
  w = tempWorld();
});
afterEach(() => w.cleanup());

const MIN = 60_000;
function session() {
  const s = w.store.sessions.start({ agent: 'claude-code', projectId: w.project.id });
  const log = (kind: 'note' | 'error' = 'note') =>
    w.store.events.append([{ sessionId: s.id, kind, text: 'x', source: 'hook' }]);
  return { s, log };
}

describe('onTrigger', () => {
  it('checkpoints on each trigger, named by it', () => {
    const { s } = session();
    for (const trigger of [
      'todo-completed',
      'decision-recorded',
      'pre-compaction',
      'session-end',
    ] as const) {
      w.clock.advance(1000);
      expect(
        onTrigger(w.store, { sessionId: s.id, trigger, now: w.clock.now(), git: null }).checkpoint
          ?.trigger,
      ).toBe(trigger);
    }
    expect(w.store.checkpoints.list({ sessionId: s.id })).toHaveLength(4);
  });

  it('on activity: nothing before the interval, one after it, none without new events', () => {
    const { s, log } = session();
    log();
    w.clock.advance(4 * MIN);
    expect(
      onTrigger(w.store, { sessionId: s.id, trigger: 'activity', now: w.clock.now(), git: null })
        .checkpoint,
    ).toBeNull();
    w.clock.advance(1 * MIN);
    const first = onTrigger(w.store, {
      sessionId: s.id,
      trigger: 'activity',
      now: w.clock.now(),
      git: null,
    });
    expect(first.checkpoint?.trigger).toBe('interval');
    w.clock.advance(10 * MIN);
    expect(
      onTrigger(w.store, { sessionId: s.id, trigger: 'activity', now: w.clock.now(), git: null })
        .checkpoint,
    ).toBeNull();
    log();
    expect(
      onTrigger(w.store, { sessionId: s.id, trigger: 'activity', now: w.clock.now(), git: null })
        .checkpoint,
    ).not.toBeNull();
  });

  it('honours another interval', () => {
    const { s, log } = session();
    log();
    w.clock.advance(61_000);
    const r = onTrigger(w.store, {
      sessionId: s.id,
      trigger: 'activity',
      now: w.clock.now(),
      intervalMs: 60_000,
      git: null,
    });
    expect(r.checkpoint).not.toBeNull();
  });

  it('takes one checkpoint for a burst of errors', () => {
    const { s, log } = session();
    const results = [0, 1, 2].map(() => {
      log('error');
      w.clock.advance(5000);
      return onTrigger(w.store, {
        sessionId: s.id,
        trigger: 'error',
        now: w.clock.now(),
        git: null,
      });
    });
    expect(results.map((r) => r.checkpoint !== null)).toEqual([true, false, false]);
    w.clock.advance(60_000);
    expect(
      onTrigger(w.store, { sessionId: s.id, trigger: 'error', now: w.clock.now(), git: null })
        .checkpoint,
    ).not.toBeNull();
  });

  it('applies the session’s retention after each automatic checkpoint', () => {
    const { s } = session();
    let pruned = 0;
    for (let i = 0; i < 5; i++) {
      w.clock.advance(1000);
      pruned += onTrigger(w.store, {
        sessionId: s.id,
        trigger: 'todo-completed',
        now: w.clock.now(),
        git: null,
        policy: { keepPerSession: 3 },
      }).pruned;
    }
    expect(pruned).toBe(2);
    expect(w.store.checkpoints.list({ sessionId: s.id })).toHaveLength(3);
  });

  it('reads trigger names as capture spells them', () => {
    expect(autoTriggerOf('todo_completed')).toBe('todo-completed');
    expect(autoTriggerOf('pre_compaction')).toBe('pre-compaction');
    expect(autoTriggerOf('session-end')).toBe('session-end');
    expect(autoTriggerOf('nonsense')).toBeNull();
  });
});
