// Context facts: durable key/value facts of a project, or global ones (projectId null). Setting
// one parses its expiry ("7d") against the clock; reading one prefers the project's fact to a
// global one of the same key.
import { BatonError, parseDuration } from '../core/index.js';
import type { ContextFact, FactPriority, JsonValue } from '../core/index.js';
import { whichSession } from './which-session.js';
import type { OpsWorld } from './world.js';

export interface SetFactInput {
  /** null: a global fact. */
  projectId: string | null;
  key: string;
  value: JsonValue;
  category?: string | null | undefined;
  priority?: FactPriority | undefined;
  /** How long until it is forgotten: 30m, 12h, 7d. */
  expiresIn?: string | undefined;
  /** The session that set it; default: the environment's, else none. */
  session?: string | undefined;
}

export function setFact(world: OpsWorld, input: SetFactInput): ContextFact {
  const key = input.key.trim();
  if (key === '' || /\s/.test(key)) {
    throw new BatonError('INVALID_INPUT', `bad fact key "${input.key}"`, {
      hint: 'a key has no spaces: use a dotted name like deploy.target',
    });
  }
  const expiresAt =
    input.expiresIn === undefined ? null : world.clock.now() + parseDuration(input.expiresIn);
  const session = whichSession(world, {
    projectId: input.projectId,
    ref: input.session,
    fallback: 'none',
  });
  return world.store.facts.set({
    projectId: input.projectId,
    key,
    value: input.value,
    category: input.category ?? null,
    ...(input.priority !== undefined && { priority: input.priority }),
    expiresAt,
    sessionId: session?.id ?? null,
  });
}

/** The fact of `key`: the project's, else (unless `onlyThisScope`) the global one. */
export function getFact(
  world: OpsWorld,
  input: { projectId: string | null; key: string; onlyThisScope?: boolean | undefined },
): ContextFact {
  const fact = world.store.facts.get(input.projectId, input.key, !input.onlyThisScope);
  if (!fact) throw new BatonError('NOT_FOUND', `no context fact "${input.key}"`);
  return fact;
}

export function unsetFact(world: OpsWorld, input: { projectId: string | null; key: string }): void {
  if (!world.store.facts.unset(input.projectId, input.key)) {
    throw new BatonError('NOT_FOUND', `no context fact "${input.key}"`);
  }
}

export interface ListFactsInput {
  projectId: string | null;
  includeGlobal?: boolean | undefined;
  includeExpired?: boolean | undefined;
}

/** Facts most important first; expired ones only when asked. */
export function listFacts(world: OpsWorld, input: ListFactsInput): ContextFact[] {
  return world.store.facts.list({
    projectId: input.projectId,
    ...(input.includeGlobal !== undefined && { includeGlobal: input.includeGlobal }),
    includeExpired: Boolean(input.includeExpired),
    now: world.clock.now(),
  });
}
