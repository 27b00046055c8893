// Forgetting for real: a session, everything containing a text, everything before a time — or
// their intersection. The rules live here: something must be named; an unknown session is an
// error; what would go is counted first, so a face can ask before anything is lost; after the
// deletion the store is compacted so the bytes leave the disk. The audit log records counts and
// ids, never the text.
import { BatonError, parseTime } from '../core/index.js';
import type { ForgetReport, ForgetSelector } from '../store/index.js';
import type { OpsWorld } from './world.js';

export interface ForgetInput {
  /** A whole session: handle, id or the agent's own session id. */
  session?: string | undefined;
  /** Everything that contains this text (any case). */
  match?: string | undefined;
  /** Everything older: a date (2026-01-31) or a duration ago (90d). */
  before?: string | undefined;
}

export interface Forgotten {
  report: ForgetReport;
  /** False when another process holds the store open: the bytes go at the next compaction. */
  compacted: boolean;
}

function selectorOf(world: OpsWorld, input: ForgetInput): ForgetSelector {
  if (input.session === undefined && input.match === undefined && input.before === undefined) {
    throw new BatonError('USAGE', 'say what to forget: --session, --match or --before');
  }
  const selector: ForgetSelector = {};
  if (input.session !== undefined) {
    const session = world.store.sessions.get(input.session);
    if (!session) throw new BatonError('NOT_FOUND', `no session "${input.session}"`);
    selector.sessionId = session.id;
  }
  if (input.match !== undefined) selector.match = input.match;
  if (input.before !== undefined) selector.before = parseTime(input.before, world.clock.now());
  return selector;
}

export interface ForgetPlan {
  readonly selector: ForgetSelector;
  /** What forgetting would remove, counted without changing anything. */
  readonly preview: ForgetReport;
}

/** Resolves what the input names and counts what would go; changes nothing. */
export function planForget(world: OpsWorld, input: ForgetInput): ForgetPlan {
  const selector = selectorOf(world, input);
  return { selector, preview: world.store.maintenance.forget(selector, { dryRun: true }) };
}

/** Forgets what the plan selected, records who asked in the audit log, and compacts the store. */
export function applyForget(world: OpsWorld, plan: ForgetPlan, actor: string): Forgotten {
  const report = world.store.maintenance.forget(plan.selector, { actor });
  return { report, compacted: world.store.maintenance.compact().walTruncated };
}

/** Records a report touches, all kinds together: zero when nothing matched. */
export function forgottenCount(r: ForgetReport): number {
  return (
    r.events +
    r.sessions +
    r.checkpointsDeleted +
    r.checkpointsRewritten +
    r.todos +
    r.decisions +
    r.facts +
    r.sessionsRewritten +
    r.logLinesRewritten
  );
}
