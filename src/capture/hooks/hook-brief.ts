// SessionStart's path once its payload is spooled (the background worker records the start, the
// checkpoint, the transcript sweep and any crash marking): only the brief is read here, from one
// read-only snapshot of the store, so the hook never waits for the write lock, and the worker
// committing this very start meanwhile is either seen whole (the new session is left out of its
// own brief) or not at all. The brief stays exact:
// - a turn or session end, or another session's start, of this project still waiting in the spool
//   (or being replayed) is waited for first, bounded (spool-pending.ts), so the previous session's
//   last work is in it —
//   and so is a hook of this project the agent started detached that may not have spooled yet;
// - a session of the project that looks crashed is marked (with its emergency checkpoint) by the
//   worker when it replays this start, so the hook waits for that replay before reading;
// - a project (or store) never seen, or a store not migrated yet, is read after that replay too:
//   the first start of a project pays for the wait once.
// Always resolves to 0; a failure goes to the hook log, as in runHook.
import type { Store } from '../../store/index.js';
import type { BriefProvider } from '../adapter.js';
import { str } from '../json-fields.js';
import type { Rec } from '../json-fields.js';
import { identityForCwd } from '../project-for-cwd.js';
import { parsePayload, reportFailure } from './hook-runtime.js';
import type { HookWorld } from './hook-runtime.js';
import { snapshotBriefReply } from './hook-session.js';
import {
  pendingHookJobs,
  pendingWorkers,
  raisePriority,
  waitForHookJobs,
} from './spool-background.js';
import { pendingPayloads, waitForReplayed, workBeforeBrief } from './spool-pending.js';

export interface BriefHookDeps {
  /** The store read-only, as one snapshot; throws NOT_FOUND when there is none yet. */
  openSnapshot: () => Store;
  /** The brief, read-only (it marks no crash). */
  brief: BriefProvider;
  /** Whether a session of the project would be marked crashed by a brief that may write. */
  crashPending?: (store: Store, projectId: string) => boolean | Promise<boolean>;
  /** How long to wait for the background replays the brief needs. */
  waitMs: number;
  /** Called with the snapshot after the brief is printed (before it closes). */
  after?: (store: Store) => void;
}

/** `name`: this payload's own spooled name (the worker replays it). */
export async function runBriefHook(
  agent: string,
  payloadText: string,
  name: string,
  world: HookWorld,
  deps: BriefHookDeps,
): Promise<number> {
  let event = 'SessionStart';
  try {
    const { payload, event: e } = parsePayload(payloadText);
    event = e;
    const cwd = str(payload as Rec, 'cwd');
    if (!cwd) return 0;
    const key = identityForCwd(cwd).key;
    const keys = new Map<string, string>([[cwd, key]]);
    const ofProject = (c: string) => {
      let k = keys.get(c);
      if (k === undefined) keys.set(c, (k = identityForCwd(c).key));
      return k === key;
    };
    // What the brief waits for runs at the lowest priority (lowerPriority): while the brief waits,
    // its agent waits too, so those processes — and any a worker starts meanwhile — get this
    // hook's priority back where the system allows it (else they run on what the waiting agent
    // leaves free, bounded by waitMs). Looked at every fifth pause (~100 ms).
    let pauses = 0;
    const hurry = () => {
      if (pauses++ % 5 !== 0) return;
      // The spool's workers drain every project's payloads; a detached hook job only its own.
      const jobs = pendingHookJobs(world.home);
      for (const pid of pendingWorkers(world.home))
        if (!jobs.some((j) => j.pid === pid)) raisePriority(pid);
      for (const job of jobs) if (job.cwd === '' || ofProject(job.cwd)) raisePriority(job.pid);
    };
    // A hook the agent started detached (prepared-start.ts) may not have spooled yet.
    const started = Date.now();
    waitForHookJobs(world.home, ofProject, deps.waitMs, hurry);
    waitForReplayed(
      world.home,
      workBeforeBrief(pendingPayloads(world.home, name), name, ofProject),
      Math.max(0, deps.waitMs - (Date.now() - started)),
      hurry,
    );
    let waitedForSelf = false;
    const waitForSelf = () => {
      waitedForSelf = true;
      waitForReplayed(world.home, [name], deps.waitMs, hurry);
    };
    for (;;) {
      let store: Store | undefined;
      try {
        store = deps.openSnapshot();
        const project = store.projects.get(key);
        if (!project) {
          if (waitedForSelf) return 0;
          // A project never seen: this start's replay creates it (with nothing to brief yet).
          waitForSelf();
          continue;
        }
        if (!waitedForSelf && (await deps.crashPending?.(store, project.id))) {
          waitForSelf();
          continue;
        }
        const reply = await snapshotBriefReply(
          store,
          payload as Rec,
          { env: world.env, brief: deps.brief, store: () => store!, clock: world.clock },
          agent,
        );
        if (reply.stdout !== undefined) world.stdout.write(reply.stdout);
        deps.after?.(store);
        return 0;
      } catch (error) {
        if (waitedForSelf) throw error;
        // No store yet, or one not migrated yet: read after this start's replay, which opens it
        // for writing.
        waitForSelf();
      } finally {
        store?.close();
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'NOT_FOUND')
      reportFailure(world, agent, event, error);
    return 0;
  }
}
