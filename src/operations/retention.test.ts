// Pins retention: nothing is deleted without a setting; retention.checkpointDays takes old
// checkpoints on their own; a dry run counts the same and deletes nothing.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../core/index.js';
import { openMemoryStore } from '../store/index.js';
import { pruneByRetention } from './index.js';
import type { OpsWorld } from './index.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-05T09:00:00Z');

function setup() {
  const clock = fixedClock(NOW, 0);
  const store = openMemoryStore(clock);
  const project = store.projects.ensure({ key: 'path:/a', root: '/a', remoteUrl: null, name: 'a' });
  const session = store.sessions.start({ agent: 'cli', projectId: project.id });
  for (const age of [30, 10, 1])
    store.checkpoints.insert({
      sessionId: session.id,
      projectId: project.id,
      trigger: 'manual',
      journalSeq: 0,
      snapshot: '{}',
      createdAt: NOW - age * DAY,
    });
  const world: OpsWorld = { store, clock, envSession: null, git: null };
  return { store, world, project };
}

describe('pruneByRetention', () => {
  it('deletes nothing while no retention is set', () => {
    const { store, world, project } = setup();
    expect(pruneByRetention(world, {})).toEqual({
      dryRun: false,
      retention: null,
      events: 0,
      sessions: 0,
      checkpoints: 0,
    });
    expect(store.checkpoints.list({ projectId: project.id })).toHaveLength(3);
  });

  it('takes checkpoints past retention.checkpointDays, counting them first in a dry run', () => {
    const { store, world, project } = setup();
    store.setSetting('retention.checkpointDays', 7);
    const dry = pruneByRetention(world, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, checkpoints: 2 });
    expect(store.checkpoints.list({ projectId: project.id })).toHaveLength(3);
    const done = pruneByRetention(world, {});
    expect(done).toEqual({
      dryRun: false,
      retention: { days: null, checkpointDays: 7 },
      events: 0,
      sessions: 0,
      checkpoints: 2,
    });
    expect(store.checkpoints.list({ projectId: project.id })).toHaveLength(1);
  });
});
