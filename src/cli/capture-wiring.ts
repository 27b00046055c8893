// What capture gets from the rest of Baton, chosen here in the composition root: the brief a
// starting session is handed, and what happens on a checkpoint trigger. capture cannot import
// recover (dependencies point one way), so the recovery module's brief and its automatic
// checkpoints are plugged in here — loaded lazily, so spooled tool hooks never pay for them.
import type { BriefProvider, TriggerCallback } from '../capture/index.js';
import type { Clock } from '../core/index.js';
import { createGitRunner } from '../git/index.js';
import type { GitResult, GitRunner } from '../git/index.js';
import type { Store } from '../store/index.js';

/**
 * `readOnly`: the store is a snapshot, so the brief marks no crashed session. `git`: how git is
 * run (a prepared brief renders the same git state at several times: memoGit).
 */
export function wiredBrief(
  clock: Clock,
  how: { readOnly?: boolean; git?: GitRunner } = {},
): BriefProvider {
  return async (store, project, opts) => {
    const { sessionStartBrief } = await import('../recover/index.js');
    return sessionStartBrief(store, {
      projectId: project.id,
      source: opts.source,
      ...(opts.sessionId !== undefined && { sessionId: opts.sessionId }),
      budget: opts.budget,
      now: clock.now(),
      cwd: project.root,
      ...(how.readOnly && { detectCrashes: false }),
      ...(how.git && { git: how.git }),
    });
  };
}

/** A git runner that runs each command once and answers it again from memory. */
export function memoGit(): GitRunner {
  const runner = createGitRunner();
  const seen = new Map<string, Promise<GitResult>>();
  return {
    run(args, cwd) {
      const key = JSON.stringify([cwd, args]);
      let r = seen.get(key);
      if (!r) seen.set(key, (r = runner.run(args, cwd)));
      return r;
    },
    runSync: (args, cwd) => runner.runSync(args, cwd),
  };
}

/**
 * The brief of a SessionStart replayed in the background, where nobody reads it: only what a
 * brief writes first — the project's crashed sessions marked, each with its emergency checkpoint.
 */
export function wiredCrashCheck(clock: Clock): BriefProvider {
  return async (store, project, opts) => {
    const { detectCrashes } = await import('../recover/index.js');
    // The starting session itself is left out: its replay may come after its agent exited.
    detectCrashes(store, {
      now: clock.now(),
      projectId: project.id,
      ...(opts.sessionId !== undefined && { except: opts.sessionId }),
    });
    return '';
  };
}

/** Whether a brief that may write would mark a session of the project crashed. */
export function wiredCrashPending(
  clock: Clock,
): (store: Store, projectId: string) => Promise<boolean> {
  return async (store, projectId) => {
    const { crashCandidates } = await import('../recover/index.js');
    return crashCandidates(store, { now: clock.now(), projectId }).length > 0;
  };
}

/**
 * Automatic checkpoints on capture's triggers (pre-compaction, session end, error, todo
 * completed). A failed checkpoint must never fail the capture that triggered it.
 */
export function wiredTrigger(store: () => Store, clock: Clock): TriggerCallback {
  return async (trigger, sessionId) => {
    const { autoTriggerOf, onTrigger } = await import('../recover/index.js');
    const auto = autoTriggerOf(trigger);
    if (!auto) return;
    try {
      onTrigger(store(), { sessionId, trigger: auto, now: clock.now() });
    } catch (error) {
      store().noteCapture('checkpoint', (error as Error).message);
    }
  };
}
