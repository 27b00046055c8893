// Appends a transcript parser's drafts to the store for one session: events in one call (refs
// make a re-read add nothing), a result whose call was read in an earlier run takes the call's
// tool name from the store, and a plan carried by an event that is new updates the project's
// todos (applied once: a hook and a later import of the same call agree).
import type { EventInput, Store } from '../store/index.js';
import type { TranscriptImportOptions } from './adapter.js';
import { applyPlanEffect } from './plan-sync.js';
import type { RawBytes } from './raw-bytes.js';
import type { EventDraft } from './transcript-draft.js';

export interface AppendCounts {
  inserted: number;
  duplicates: number;
}

export function appendDrafts(
  store: Store,
  sessionId: string,
  drafts: EventDraft[],
  fallbackTs: number,
  options: TranscriptImportOptions & { rawBytes?: RawBytes | undefined } = {},
): AppendCounts {
  if (drafts.length === 0) return { inserted: 0, duplicates: 0 };
  let lastTs = fallbackTs;
  const inputs: EventInput[] = drafts.map((d) => {
    if (d.callRef !== undefined && d.tool === null)
      d.tool = toolOfEarlierCall(store, sessionId, d.callRef);
    lastTs = d.ts ?? lastTs;
    const input: EventInput = {
      sessionId,
      ts: d.ts ?? lastTs,
      kind: d.kind,
      role: d.role,
      tool: d.tool,
      text: d.text,
      data: d.data,
      source: 'transcript',
      ref: d.ref,
    };
    if (d.raw !== undefined) {
      input.raw = d.raw;
      const bytes = options.rawBytes?.of(d.raw);
      if (bytes !== undefined) input.rawBytes = bytes;
    }
    return input;
  });
  const appended = store.events.append(inputs);
  drafts.forEach((d, i) => {
    if (d.plan && appended.seqs[i] !== null) applyPlan(store, sessionId, d, options);
  });
  return { inserted: appended.inserted, duplicates: appended.duplicates };
}

function toolOfEarlierCall(store: Store, sessionId: string, ref: string): string | null {
  return store.events.findByRef(sessionId, ref)?.tool ?? null;
}

function applyPlan(
  store: Store,
  sessionId: string,
  d: EventDraft,
  options: TranscriptImportOptions,
): void {
  const projectId = store.sessions.get(sessionId)?.projectId ?? null;
  if (projectId === null || !d.plan) return;
  const items = d.plan.items.map((i) => ({ key: i.key, content: i.content, status: i.status }));
  const synced = applyPlanEffect(store, projectId, sessionId, {
    type: 'replace',
    prefix: d.plan.prefix,
    items,
  });
  if (synced.completed.length && options.onTrigger)
    void options.onTrigger('todo_completed', sessionId);
}
