// What the spool still holds for a project, for SessionStart's read-only brief: a brief printed
// while the previous session's turn or session end still waits in the spool (or is being replayed
// by the background worker) would miss that session's last work, so the hook waits for exactly
// those payloads — and only when there are some.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSpooled } from './spool-crypt.js';
import { isSpooledEvent } from './spool-policy.js';
import { SPOOL_SUFFIX, spoolDir } from './spool-write.js';

const CLAIM = '.claimed-';

export interface PendingPayload {
  /** The payload's own name (`<time>-<pid>-<n>-<rand>`, without `.hook`): it sorts by arrival. */
  name: string;
  agent: string;
  event: string;
  cwd: string | null;
}

/**
 * Every payload waiting in the spool or claimed by a drain (not the failed ones: they wait for a
 * fix), oldest first; only those spooled before `before` (a spooled name) when given. A file
 * that cannot be read is left out: its drain reports it.
 */
export function pendingPayloads(home: string, before?: string): PendingPayload[] {
  const dir = spoolDir(home);
  const out: PendingPayload[] = [];
  // A file a drain claims between the listing and the read is read again under its new name.
  let missed = new Set<string>();
  for (let pass = 0; pass < 3; pass++) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return out;
    }
    const next = new Set<string>();
    for (const file of names) {
      const at = file.indexOf(SPOOL_SUFFIX);
      if (at <= 0 || file.startsWith('.')) continue;
      const rest = file.slice(at + SPOOL_SUFFIX.length);
      if (rest !== '' && !rest.startsWith(CLAIM)) continue;
      const name = file.slice(0, at);
      // Spooled after `before`: not read (nor decrypted) at all.
      if (before !== undefined && name >= before) continue;
      if (pass > 0 && !missed.has(name)) continue;
      let text: string;
      try {
        text = readFileSync(join(dir, file), 'utf8');
      } catch {
        next.add(name); // Claimed (renamed) or replayed (removed) meanwhile.
        continue;
      }
      try {
        const spooled = openSpooled(home, text);
        const p = (spooled.payload ?? {}) as Record<string, unknown>;
        out.push({
          name,
          agent: spooled.agent,
          event: typeof p.hook_event_name === 'string' ? p.hook_event_name : 'unknown',
          cwd: typeof p.cwd === 'string' ? p.cwd : null,
        });
      } catch {
        // Unreadable: its drain reports it (and moves it to failed/).
      }
    }
    if (next.size === 0) break;
    missed = next;
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * A turn's or session's end, or another session's start (or any lifecycle payload a busy store
 * made a hook spool). A start the shell spooled while serving a prepared brief
 * (install/prepared-start.ts) waits for its session's end worker: a brief without it would miss
 * that session (active, or crashed before anything drained).
 */
function endsWork(p: PendingPayload): boolean {
  return !isSpooledEvent(p.agent, p.event);
}

/**
 * The payloads a brief taken at `before` (a spooled name) must see in the store: those of the
 * project (`ofProject` by their cwd) up to its last turn or session end, or session start,
 * spooled before `before`. Empty when none of those of this project is pending: the prompts and
 * tool calls of a session still working concurrently are not waited for.
 */
export function workBeforeBrief(
  pending: readonly PendingPayload[],
  before: string,
  ofProject: (cwd: string) => boolean,
): string[] {
  const mine = pending.filter((p) => p.name < before && p.cwd !== null && ofProject(p.cwd));
  let last = -1;
  mine.forEach((p, i) => {
    if (endsWork(p)) last = i;
  });
  return mine.slice(0, last + 1).map((p) => p.name);
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Waits until none of `names` is left in the spool (replayed and removed, or moved to failed/),
 * up to `timeoutMs`; true when none is left. `onPause` runs before each pause.
 */
export function waitForReplayed(
  home: string,
  names: readonly string[],
  timeoutMs: number,
  onPause?: () => void,
): boolean {
  if (names.length === 0) return true;
  const until = Date.now() + timeoutMs;
  const wanted = new Set(names);
  for (;;) {
    let left = false;
    try {
      for (const file of readdirSync(spoolDir(home))) {
        const at = file.indexOf(SPOOL_SUFFIX);
        if (at > 0 && wanted.has(file.slice(0, at))) {
          left = true;
          break;
        }
      }
    } catch {
      return true;
    }
    if (!left) return true;
    if (Date.now() >= until) return false;
    onPause?.();
    Atomics.wait(pause, 0, 0, 20);
  }
}
