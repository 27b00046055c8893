// Moves spooled hook payloads into the store, oldest first (a tool's result after its call), by
// replaying each through its agent's hook handler with the clock fixed at the moment the hook
// ran — so a spooled event is stored exactly as if the hook had written it directly. Each file
// is claimed by renaming it first, so two drainers never replay the same payload; a payload that
// cannot be replayed is moved to spool/failed/ and reported, never retried forever.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { HookContext } from '../adapter.js';
import { hookHandlerFor } from './hook-handlers.js';
import { callsBeforeResults } from './spool-order.js';
import { SPOOL_SUFFIX, spoolDir } from './spool-write.js';

export interface DrainResult {
  replayed: number;
  failed: { file: string; message: string }[];
}

/** How many payloads wait in the spool (for diagnostics). */
export function spooledCount(home: string): number {
  try {
    return readdirSync(spoolDir(home)).filter((f) => f.endsWith(SPOOL_SUFFIX)).length;
  } catch {
    return 0;
  }
}

export async function drainSpool(
  store: Store,
  home: string,
  ctx: Omit<HookContext, 'store' | 'clock'>,
  pid: number = process.pid,
): Promise<DrainResult> {
  const dir = spoolDir(home);
  const result: DrainResult = { replayed: 0, failed: [] };
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => f.endsWith(SPOOL_SUFFIX))
      .sort();
  } catch {
    return result;
  }
  const batch: { name: string; claimed: string; text: string }[] = [];
  for (const name of names) {
    const claimed = join(dir, `${name}.claimed-${pid}`);
    try {
      renameSync(join(dir, name), claimed);
      batch.push({ name, claimed, text: readFileSync(claimed, 'utf8') });
    } catch {
      continue; // Another drainer took it.
    }
  }
  for (const { name, claimed, text } of callsBeforeResults(batch)) {
    try {
      await replay(store, text, ctx);
      rmSync(claimed, { force: true });
      result.replayed += 1;
    } catch (error) {
      result.failed.push({ file: name, message: (error as Error).message });
      mkdirSync(join(dir, 'failed'), { recursive: true, mode: 0o700 });
      renameSync(claimed, join(dir, 'failed', name));
    }
  }
  return result;
}

async function replay(
  store: Store,
  text: string,
  ctx: Omit<HookContext, 'store' | 'clock'>,
): Promise<void> {
  const newline = text.indexOf('\n');
  const header = JSON.parse(newline < 0 ? text : text.slice(0, newline)) as {
    agent?: string;
    receivedAt?: number;
  };
  const handler = hookHandlerFor(header.agent ?? '');
  if (handler === null) throw new Error(`spooled payload of unknown agent "${header.agent}"`);
  const payload: unknown = JSON.parse(text.slice(newline + 1));
  await handler(payload, {
    ...ctx,
    store: () => store,
    clock: fixedClock(header.receivedAt ?? Date.now()),
  });
}
