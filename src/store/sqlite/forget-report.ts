// The tally a forget run keeps: counts per kind and (a bounded number of) the ids that went.
import type { ForgetReport } from '../store.js';

const MAX_IDS = 1000;

export function emptyReport(): ForgetReport {
  return {
    events: 0,
    sessions: 0,
    checkpointsDeleted: 0,
    checkpointsRewritten: 0,
    todos: 0,
    decisions: 0,
    facts: 0,
    sessionsRewritten: 0,
    logLinesRewritten: 0,
    ids: { events: [], sessions: [], checkpoints: [], records: [] },
  };
}

export function pushIds(list: string[], ids: string[]): void {
  for (const id of ids) if (list.length < MAX_IDS) list.push(id);
}

export { MAX_IDS };
