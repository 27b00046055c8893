// Which checkpoint a person means: its full handle or id, `latest` (the project's newest), or a
// short form — the end of its handle from any dash (`174012`, `001-174012`) or the start of its
// id — when exactly one of the project's checkpoints has it.
import { BatonError } from '../core/index.js';
import type { Checkpoint } from '../core/index.js';
import type { OpsWorld } from './world.js';

export interface CheckpointRefInput {
  ref: string;
  /** The project a `latest` or a short form is looked for in; absent: every project. */
  projectId?: string | undefined;
}

const SHORT_ID_MIN = 6;

export function resolveCheckpoint(world: OpsWorld, input: CheckpointRefInput): Checkpoint {
  const ref = input.ref.trim();
  const exact = world.store.checkpoints.get(ref);
  if (exact) return exact;
  const scope = input.projectId === undefined ? {} : { projectId: input.projectId };
  if (ref.toLowerCase() === 'latest') {
    const [newest] = world.store.checkpoints.list({ ...scope, limit: 1 });
    if (newest) return newest;
    throw new BatonError('NOT_FOUND', 'no checkpoints yet', {
      hint: 'take one with `baton checkpoint create`',
    });
  }
  const upper = ref.toUpperCase();
  const matches = ref
    ? world.store.checkpoints
        .list(scope)
        .filter(
          (c) =>
            c.handle.toUpperCase().endsWith(`-${upper}`) ||
            (ref.length >= SHORT_ID_MIN && c.id.toUpperCase().startsWith(upper)),
        )
    : [];
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new BatonError(
      'USAGE',
      `"${ref}" matches ${matches.length} checkpoints: ${matches
        .slice(0, 3)
        .map((c) => c.handle)
        .join(', ')}${matches.length > 3 ? ', …' : ''}`,
      { hint: 'give more of the handle' },
    );
  }
  throw new BatonError('NOT_FOUND', `no checkpoint "${ref}"`, {
    hint: 'see `baton checkpoint list`; `latest` names the newest',
  });
}
