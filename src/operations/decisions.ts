// Decisions: record (optionally superseding an earlier one, in the same transaction), change,
// list and show. Recording one takes an automatic checkpoint of the session at work.
import { BatonError } from '../core/index.js';
import type { Decision, DecisionStatus } from '../core/index.js';
import type { DecisionPatch } from '../store/index.js';
import { checkpointAfterWrite } from './checkpoint-triggers.js';
import { requireText } from './validate.js';
import { whichSession } from './which-session.js';
import type { OpsWorld } from './world.js';

export interface RecordDecisionInput {
  projectId: string;
  decision: string;
  reasoning?: string | null | undefined;
  outcome?: string | null | undefined;
  files?: readonly string[] | undefined;
  /** The number or id of an earlier decision this one replaces; it is marked superseded. */
  supersedes?: string | number | undefined;
  /** The session that took it; default: the environment's, else none. */
  session?: string | undefined;
}

export interface RecordedDecision {
  decision: Decision;
  superseded: Decision | null;
}

/** A decision of the project by number or id. */
export function findDecision(world: OpsWorld, projectId: string, ref: string | number): Decision {
  const found = world.store.decisions.get(projectId, String(ref));
  if (!found) throw new BatonError('NOT_FOUND', `no decision "${ref}" in this project`);
  return found;
}

export function recordDecision(world: OpsWorld, input: RecordDecisionInput): RecordedDecision {
  const { store } = world;
  const text = requireText(input.decision, 'a decision');
  const old =
    input.supersedes === undefined
      ? null
      : world.store.decisions.get(input.projectId, String(input.supersedes));
  if (input.supersedes !== undefined && !old) {
    throw new BatonError('NOT_FOUND', `no decision #${input.supersedes} to supersede`);
  }
  const named = whichSession(world, {
    projectId: input.projectId,
    ref: input.session,
    fallback: 'none',
  });
  const recorded = store.transaction(() => ({
    decision: store.decisions.add({
      projectId: input.projectId,
      decision: text,
      reasoning: input.reasoning ?? null,
      outcome: input.outcome ?? null,
      files: [...(input.files ?? [])],
      sessionId: named?.id ?? null,
    }),
    superseded: old ? store.decisions.update(old.id, { status: 'superseded' }) : null,
  }));
  const atWork = named ?? whichSession(world, { projectId: input.projectId, fallback: 'active' });
  checkpointAfterWrite(world, atWork?.id ?? null, 'decision-recorded');
  return recorded;
}

export function updateDecision(
  world: OpsWorld,
  input: {
    projectId: string;
    ref: string | number;
    patch: { [K in keyof DecisionPatch]?: DecisionPatch[K] | undefined };
  },
): Decision {
  const patch = Object.fromEntries(
    Object.entries(input.patch).filter(([, v]) => v !== undefined),
  ) as DecisionPatch;
  if (Object.keys(patch).length === 0) {
    throw new BatonError('USAGE', 'nothing to change', {
      hint: 'give at least one of status, reasoning, outcome, text, files',
    });
  }
  return world.store.decisions.update(findDecision(world, input.projectId, input.ref).id, patch);
}

export function listDecisions(
  world: OpsWorld,
  input: { projectId: string; statuses?: readonly DecisionStatus[] | undefined },
): Decision[] {
  return world.store.decisions.list({
    projectId: input.projectId,
    ...(input.statuses && { statuses: [...input.statuses] }),
  });
}
