// What every `baton sync` command shares: the world its operations take, standard input read
// whole, and progress on stderr.
import type { SyncWorld } from '../../../operations/index.js';
import type { SyncProgress } from '../../../sync/index.js';
import type { CliContext } from '../../context.js';

export const syncWorld = (ctx: CliContext): SyncWorld => ({
  store: ctx.store(),
  env: ctx.world.env,
  home: ctx.home,
});

export async function readStdin(ctx: CliContext): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of ctx.world.stdin) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Progress on stderr, one line per batch, so a long push or pull shows it is moving. */
export function progressLine(ctx: CliContext): (p: SyncProgress) => void {
  if (ctx.world.env.BATON_QUIET) return () => undefined;
  return (p) => void ctx.world.stderr.write(`${p.phase}: ${p.done}\n`);
}
