// The world the operations run in for a command: the command's store and clock, $BATON_SESSION,
// git for checkpoints, and automatic-checkpoint failures shown only with BATON_DEBUG. Kept apart
// from CliContext so that commands which run no operation (and `--version`) never load them.
import type { OpsWorld } from '../operations/index.js';
import { createGitRunner } from '../recover/index.js';
import type { CliContext } from './context.js';

export function opsWorld(ctx: CliContext): OpsWorld {
  const { env } = ctx.world;
  return {
    store: ctx.store(),
    clock: ctx.world.clock,
    envSession: env.BATON_SESSION || null,
    git: createGitRunner({ env }),
    noteFailure: (message) => {
      if (env.BATON_DEBUG) ctx.out.error(`baton: ${message}`);
    },
  };
}
