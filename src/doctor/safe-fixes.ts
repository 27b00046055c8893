// `baton doctor --fix`: the fixes that cannot lose anything, applied for the problems found. Today
// that is rebuilding a damaged search index from the events; restoring a backup replaces data, so
// it stays a step the user takes (the check's fix names the command).
import { SEARCH_INDEX } from './store-checks.js';
import type { CheckResult, DoctorContext } from './types.js';

export interface AppliedFix {
  id: string;
  /** What was done, one line. */
  done: string;
}

export function applySafeFixes(ctx: DoctorContext, results: CheckResult[]): AppliedFix[] {
  const applied: AppliedFix[] = [];
  const failed = (id: string) => results.some((r) => r.id === id && r.status === 'fail');
  if (ctx.store !== null && failed(SEARCH_INDEX)) {
    const { events } = ctx.store.maintenance.rebuildSearchIndex();
    applied.push({
      id: SEARCH_INDEX,
      done: `rebuilt the search index from ${events.toLocaleString('en-US')} events`,
    });
  }
  return applied;
}
