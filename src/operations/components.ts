// Components: the health of the parts of a user's system, set after a check and listed in briefs.
import { BatonError } from '../core/index.js';
import type { ComponentState, JsonObject } from '../core/index.js';
import type { OpsWorld } from './world.js';

export interface SetComponentInput {
  projectId: string;
  name: string;
  status?: string | undefined;
  /** Percent, 0 to 100. */
  health?: number | undefined;
  /** Merged into the metadata already there. */
  metadata?: JsonObject | undefined;
}

export function setComponent(world: OpsWorld, input: SetComponentInput): ComponentState {
  const name = input.name.trim();
  if (name === '') throw new BatonError('INVALID_INPUT', 'a component needs a name');
  const { health } = input;
  if (health !== undefined && !(Number.isInteger(health) && health >= 0 && health <= 100)) {
    throw new BatonError('INVALID_INPUT', `health must be a whole percent, 0 to 100: ${health}`);
  }
  return world.store.components.set({
    projectId: input.projectId,
    name,
    ...(input.status !== undefined && { status: input.status.trim() }),
    ...(health !== undefined && { health }),
    ...(input.metadata !== undefined && { metadata: input.metadata }),
  });
}

export function listComponents(world: OpsWorld, input: { projectId: string }): ComponentState[] {
  return world.store.components.list(input.projectId);
}
