// Retention: delete what is older than the settings allow — the journal (events, sessions and
// their checkpoints) after retention.days, and checkpoints on their own after
// retention.checkpointDays — then compact the file if anything went.
import type { Store } from '../store/index.js';
import { settingValue } from './settings.js';
import type { OpsWorld } from './world.js';

const DAY = 86_400_000;

export interface PruneResult {
  dryRun: boolean;
  /** The settings applied, or null when neither is set (then nothing is deleted). */
  retention: { days: number | null; checkpointDays: number | null } | null;
  events: number;
  sessions: number;
  checkpoints: number;
}

/** Applies the retention settings; with `dryRun`, only counts what would be deleted. */
export function pruneByRetention(
  world: OpsWorld,
  input: { dryRun?: boolean | undefined },
): PruneResult {
  const { store } = world;
  const dryRun = Boolean(input.dryRun);
  const days = numberOrNull(settingValue(store, 'retention.days'));
  const checkpointDays = numberOrNull(settingValue(store, 'retention.checkpointDays'));
  if (days === null && checkpointDays === null)
    return { dryRun, retention: null, events: 0, sessions: 0, checkpoints: 0 };
  const now = world.clock.now();
  const journalCutoff = days === null ? 0 : now - days * DAY;
  const journal =
    days === null
      ? null
      : store.maintenance.forget({ before: journalCutoff }, { dryRun, action: 'prune' });
  const checkpoints =
    checkpointDays === null
      ? 0
      : pruneCheckpoints(store, journalCutoff, now - checkpointDays * DAY, dryRun);
  const result = {
    dryRun,
    retention: { days, checkpointDays },
    events: journal?.events ?? 0,
    sessions: journal?.sessions ?? 0,
    checkpoints: (journal?.checkpointsDeleted ?? 0) + checkpoints,
  };
  if (!dryRun && result.events + result.sessions + result.checkpoints > 0)
    store.maintenance.compact();
  return result;
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** Checkpoints past their own retention that the journal's retention did not already take. */
function pruneCheckpoints(store: Store, from: number, before: number, dryRun: boolean): number {
  const ids = store.checkpoints.idsCreatedBetween(from, before);
  if (dryRun || ids.length === 0) return ids.length;
  const n = store.checkpoints.remove(ids);
  store.audit('prune', 'checkpoints', { checkpoints: n, before: new Date(before).toISOString() });
  return n;
}
