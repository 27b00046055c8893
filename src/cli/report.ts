// How a command that failed ends: a BatonError becomes one line on stderr and its documented exit
// code; anything else is an internal error. Shared by the full CLI (index.ts) and `baton search`'s
// small entry (search-entry/), so a failed search reads the same whichever of them ran it.
import { BatonError, classifyError } from '../core/index.js';
import { withRestoreHint } from '../store/index.js';
import type { CliContext } from './context.js';
import type { World } from './world.js';

/** A damaged store's message names the backup that brings it back. */
function withBackupHint(e: BatonError, ctx: CliContext): BatonError {
  const sqliteCode = (e.cause as { code?: string } | undefined)?.code;
  const damaged = sqliteCode === 'SQLITE_CORRUPT' || sqliteCode === 'SQLITE_NOTADB';
  return e.code === 'STORE_CORRUPT' && damaged ? withRestoreHint(e, ctx.home) : e;
}

/** Writes what went wrong and returns the exit code. */
export function reportError(ctx: CliContext, error: unknown, world: World): number {
  const e = withBackupHint(error instanceof BatonError ? error : classifyError(error), ctx);
  if (e.code === 'INTERNAL') {
    ctx.out.error(`baton: internal error: ${e.message}`);
    ctx.out.error(
      'baton: this is a bug in Baton; rerun with BATON_DEBUG=1 for details and report it',
    );
  } else {
    ctx.out.error(`baton: ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
  }
  if (world.env.BATON_DEBUG)
    ctx.out.error(String((e.cause as Error | undefined)?.stack ?? e.stack));
  return e.exitCode;
}

/** After every command, whatever its outcome: the mirrors refreshed, then the store closed. */
export async function endCommand(ctx: CliContext): Promise<void> {
  await ctx.refreshMirrors();
  ctx.close();
}
