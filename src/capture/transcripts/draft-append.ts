// Appends a transcript parser's drafts to the store, for every agent: events in one call (refs
// make a re-read add nothing), a result whose call was read in an earlier run takes the call's
// tool name from the store, and a plan carried by an event that is new updates the project's
// todos (applied once: a hook and a later import of the same call agree).
import type { EventInput, Store } from '../../store/index.js';
import type { TranscriptImportOptions } from '../adapter.js';
import { applyPlanEffect } from '../plan-sync.js';
import type { PlanEffect } from '../plan-sync.js';
import type { RawBytes } from './raw-bytes.js';
import type { EventDraft } from './transcript-draft.js';

export interface AppendCounts {
  inserted: number;
  duplicates: number;
}

/** How one agent's drafts meet the store. */
export interface AppendRules<Plan> {
  /** The Baton session a draft belongs to (a file may hold several). */
  sessionOf(d: EventDraft<Plan>): string;
  /**
   * A draft without a time of its own takes the previous draft's (`true`) or the run's fallback
   * time (`false`: the parser already carries times between records).
   */
  carryTs: boolean;
  /** Completes a draft from the call an earlier run stored (beyond its tool name, set here). */
  joinEarlierCall?(d: EventDraft<Plan>, call: { data: EventInput['data'] }): void;
  /** The change a new event's plan makes to the project's todos, if any. */
  planEffect(d: EventDraft<Plan>): PlanEffect | null;
  /** The bytes each record was read from, kept as they are. */
  rawBytes?: RawBytes | undefined;
}

export function appendDrafts<Plan>(
  store: Store,
  drafts: EventDraft<Plan>[],
  fallbackTs: number,
  rules: AppendRules<Plan>,
  options: TranscriptImportOptions = {},
): AppendCounts {
  if (drafts.length === 0) return { inserted: 0, duplicates: 0 };
  let lastTs = fallbackTs;
  const sessionIds: string[] = [];
  const inputs: EventInput[] = drafts.map((d) => {
    const sessionId = rules.sessionOf(d);
    sessionIds.push(sessionId);
    if (d.callRef !== undefined && d.tool === null) {
      const call = store.events.findByRef(sessionId, d.callRef);
      if (call) {
        d.tool = call.tool;
        rules.joinEarlierCall?.(d, call);
      }
    }
    if (rules.carryTs) lastTs = d.ts ?? lastTs;
    return inputFor(sessionId, d, d.ts ?? lastTs, rules.rawBytes);
  });
  const appended = store.events.append(inputs);
  drafts.forEach((d, i) => {
    if (d.plan !== undefined && appended.seqs[i] !== null)
      applyPlan(store, sessionIds[i]!, rules.planEffect(d), options, inputs[i]!.ts);
  });
  return { inserted: appended.inserted, duplicates: appended.duplicates };
}

/**
 * The event a draft stands for, without its raw record: the one mapping of the single-thread
 * import (below) and the import's worker (tail-worker.ts).
 */
export function draftEvent<Plan>(
  sessionId: string,
  d: EventDraft<Plan>,
  ts: number,
): Omit<EventInput, 'raw' | 'rawBytes'> {
  return {
    sessionId,
    ts,
    kind: d.kind,
    role: d.role,
    tool: d.tool,
    text: d.text,
    data: d.data,
    source: 'transcript',
    ref: d.ref,
  };
}

function inputFor<Plan>(
  sessionId: string,
  d: EventDraft<Plan>,
  ts: number,
  rawBytes: RawBytes | undefined,
): EventInput {
  const input: EventInput = draftEvent(sessionId, d, ts);
  if (d.raw !== undefined) {
    input.raw = d.raw;
    const bytes = rawBytes?.of(d.raw);
    if (bytes !== undefined) input.rawBytes = bytes;
  }
  return input;
}

export function applyPlan(
  store: Store,
  sessionId: string,
  effect: PlanEffect | null,
  options: TranscriptImportOptions,
  at: number | undefined,
): void {
  if (effect === null) return;
  const projectId = store.sessions.get(sessionId)?.projectId ?? null;
  if (projectId === null) return;
  const synced = applyPlanEffect(store, projectId, sessionId, effect, at);
  if (synced.completed.length && options.onTrigger)
    void options.onTrigger('todo_completed', sessionId);
}
