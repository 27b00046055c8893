// Bulk writers (an import, the daemon catching up on transcripts) and hooks share the machine's
// cores, and an agent waits on its hooks while nobody waits on an import's next thousand events.
// A bulk writer therefore lowers its own CPU priority (nice +10) before its bulk work, so the
// scheduler gives a hook's process the cores first; the write lock is handled apart (writer-turns.ts
// and the import's short transactions). On Linux a priority belongs to each thread, not to the
// process, and V8's helper threads and libuv's pool already run when this is called: every thread
// listed in /proc/self/task is lowered (threads started later inherit the priority of the thread
// that starts them). An unprivileged process cannot raise its priority again, so it is done once
// and kept for the rest of the process's life.
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much a bulk writer lowers its priority by default (nice steps; 19 is the lowest). */
export const BULK_NICE_STEP = 10;
const LOWEST = 19;

let done = false;

/** The ids of this process's threads (Linux), or just the process elsewhere. */
function threads(): number[] {
  try {
    return readdirSync('/proc/self/task')
      .map(Number)
      .filter((t) => t > 0);
  } catch {
    return [0];
  }
}

/**
 * Lowers this process's CPU priority by `BATON_BULK_NICE` steps (env; default BULK_NICE_STEP, 0
 * turns it off), relative to where it runs (under `nice -n 5`, 5 + 10), every thread of it. Once
 * per process; a later call does nothing. Returns the priority its main thread runs at after,
 * or null when nothing was changed. Never throws: a writer that cannot lower itself still writes.
 */
export function lowerBulkPriority(env: NodeJS.ProcessEnv = {}): number | null {
  if (done) return null;
  done = true;
  const asked = Number(env.BATON_BULK_NICE ?? BULK_NICE_STEP);
  const step = Number.isFinite(asked) ? Math.max(0, Math.min(LOWEST, Math.round(asked))) : 0;
  if (step === 0) return null;
  let main: number | null = null;
  for (const tid of threads()) {
    try {
      const to = Math.min(LOWEST, getPriority(tid) + step);
      setPriority(tid, to);
      if (tid === 0 || tid === process.pid) main = to;
    } catch {
      // A thread that ended meanwhile, or a system that refuses: the others are still lowered.
    }
  }
  return main;
}
