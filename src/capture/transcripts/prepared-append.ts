// The store's side of a transcript import whose drafts a worker prepared (tail-worker.ts): per
// batch, each draft's session is resolved by the shared linker, copies of a fork's parent are left
// out, a result whose call an earlier run stored takes the call's tool name, and the events go in
// through the store's bulk path with their packed raw records; a plan carried by a new event
// updates the project's todos. The same steps as draft-append.ts, on prepared events.
import { packStored } from '../../store/index.js';
import type { Store } from '../../store/index.js';
import type { TranscriptImportOptions } from '../adapter.js';
import type { PlanEffect } from '../plan-sync.js';
import { applyPlan } from './draft-append.js';
import type { AppendCounts } from './draft-append.js';
import { ForkCopies } from './fork-copies.js';
import { SessionLinker } from './session-linker.js';
import type { LinkRules } from './session-linker.js';
import type { PreparedDraft, TailBatch } from './tail-worker-protocol.js';
import type { SessionSighting } from './transcript-draft.js';

/** How one agent's prepared drafts meet the store (see AppendRules). */
export interface PreparedRules {
  links: LinkRules;
  /** A file may begin with copies of its parent's records (Claude Code forks). */
  forks: boolean;
  joinEarlierCall?(d: PreparedDraft, call: { data: unknown }): void;
  planEffect(d: PreparedDraft): PlanEffect | null;
}

/** One file's run: made at its first batch, settled after its last. */
export class PreparedFile {
  private readonly linker: SessionLinker;
  private readonly forks: ForkCopies | null;

  constructor(
    private readonly store: Store,
    private readonly rules: PreparedRules,
    fallbackTs: number,
    private readonly options: TranscriptImportOptions = {},
  ) {
    this.linker = new SessionLinker(store, rules.links, fallbackTs);
    this.forks = rules.forks ? new ForkCopies(store, rules.links.agent) : null;
  }

  get newSessions(): number {
    return this.linker.newSessions;
  }

  /** Appends a batch's drafts, inside the caller's transaction. */
  apply(batch: TailBatch): AppendCounts {
    const { store } = this;
    if (batch.drafts.length === 0) return { inserted: 0, duplicates: 0 };
    const sightings = new Map(batch.sightings.map((s) => [s.key, s]));
    const sessionOf = (d: PreparedDraft) => this.linker.idFor(sightings.get(d.sessionKey)!);
    const at = new Map(batch.drafts.map((d, i) => [d, i]));
    const kept = this.forks ? this.forks.keep(batch.drafts, sessionOf) : batch.drafts;
    const sessionIds = kept.map((d) => {
      const sessionId = sessionOf(d);
      if (d.callRef !== undefined && d.tool === null) {
        const call = store.events.findByRef(sessionId, d.callRef);
        if (call) {
          d.tool = call.tool;
          d.event.tool = call.tool;
          this.rules.joinEarlierCall?.(d, call);
        }
      }
      d.event.sessionId = sessionId;
      if (!d.ftsWhole) d.event.ftsBody = d.event.text! + d.event.ftsBody;
      if (d.packLater) packStored(d.event);
      return sessionId;
    });
    const appended = store.events.appendPrepared(
      kept.map((d) => d.event),
      { blocks: batch.raw.blocks, pointers: kept.map((d) => batch.raw.pointers[at.get(d)!]!) },
    );
    kept.forEach((d, i) => {
      if (d.plan !== undefined && appended.seqs[i] !== null)
        applyPlan(
          store,
          sessionIds[i]!,
          this.rules.planEffect(d),
          this.options,
          d.event.ts ?? undefined,
        );
    });
    return { inserted: appended.inserted, duplicates: appended.duplicates };
  }

  /** After the last batch: what the whole file told about its sessions. */
  settle(sightings: SessionSighting[]): void {
    this.linker.settle(sightings);
  }
}
