// The recorder: one pass ("tick") drains the hook spool, imports what every agent appended to its
// transcripts since the last pass — through the same importers and the same per-file cursors as
// `baton import`, so nothing is read twice whoever reads first — takes the interval checkpoint of
// each active session that is due, marks crashed sessions, and runs the periodic jobs that are due
// (recorder-jobs.ts: backups, and any job added there). Passes never overlap: a pass asked
// for while one runs is folded into one more pass after it, so `stop` can wait for the last write.
import { dirname } from 'node:path';
import {
  CAPTURE_ADAPTERS,
  discoverHistory,
  drainSpool,
  importHistoryPiped,
} from '../capture/index.js';
import type { CaptureAdapter } from '../capture/index.js';
import type { Clock } from '../core/index.js';
import { createCheckpoint, detectCrashes, onTrigger } from '../recover/index.js';
import { lowerBulkPriority } from '../store/index.js';
import type { Store } from '../store/index.js';
import { PERIODIC_JOBS, runDueJobs } from './recorder-jobs.js';
import type { PeriodicJob } from './recorder-jobs.js';

export interface RecorderWorld {
  store: Store;
  home: string;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  log: (line: string) => void;
  adapters?: readonly CaptureAdapter[];
  /** The periodic jobs (default: PERIODIC_JOBS, see recorder-jobs.ts). */
  jobs?: readonly PeriodicJob[];
  /** Bytes of one transcript a pass reads at most (default PASS_BYTES). */
  passBytes?: number;
  /**
   * Called before a pass's bulk work (BULK_BYTES more transcript than the pass before saw); by
   * default the daemon lowers its CPU priority, so agents' hooks get the cores first.
   */
  onBulkWork?: () => void;
}

/** Transcripts grown by this much since the last pass (or present at the first) are bulk work. */
export const BULK_BYTES = 1024 * 1024;

/**
 * What a pass reads of one transcript at most. A session that appended a great deal (or a first
 * pass over a long transcript) is read over several passes, one after another: the parser's
 * per-run memory stays bounded, and requests are served between passes.
 */
export const PASS_BYTES = 8 * 1024 * 1024;

export interface TickReport {
  spooled: number;
  imported: number;
  checkpoints: number;
  crashed: number;
  /** The periodic jobs that ran in this pass, by name. */
  jobs: string[];
  /** The folders holding transcripts, for the watcher. */
  folders: string[];
  /** A transcript was read only in part (PASS_BYTES): another pass should follow at once. */
  more: boolean;
}

export interface Recorder {
  /** Runs a pass (or joins the one asked for next) and resolves when it is committed. */
  tick(): Promise<TickReport>;
  /** Passes until nothing is left part-read; their counts summed (an import asked for by a user). */
  tickAll(): Promise<TickReport>;
  /** Waits for the pass in flight, then checkpoints every active session with new events. */
  stop(): Promise<number>;
}

export function createRecorder(world: RecorderWorld): Recorder {
  let current: Promise<TickReport> | null = null;
  let next: Promise<TickReport> | null = null;
  let stopped = false;
  const seen = new Map<string, number>(); // Transcript bytes per agent at the last pass.

  const run = async (): Promise<TickReport> => {
    try {
      return await pass(world, seen);
    } catch (error) {
      world.log(`recorder pass failed: ${(error as Error).message}`);
      return emptyReport();
    }
  };
  const tick = (): Promise<TickReport> => {
    if (stopped) return Promise.resolve(emptyReport());
    if (!current) {
      current = run().finally(() => (current = null));
      return current;
    }
    next ??= current.then(() => {
      next = null;
      return tick();
    });
    return next;
  };
  return {
    tick,
    async tickAll() {
      const sum = await tick();
      for (let last = sum; last.more;) {
        last = await tick();
        sum.spooled += last.spooled;
        sum.imported += last.imported;
        sum.checkpoints += last.checkpoints;
        sum.crashed += last.crashed;
        sum.jobs.push(...last.jobs);
        sum.more = last.more;
      }
      return sum;
    },
    async stop() {
      await (next ?? current);
      stopped = true;
      return checkpointActive(world);
    },
  };
}

function emptyReport(): TickReport {
  return {
    spooled: 0,
    imported: 0,
    checkpoints: 0,
    crashed: 0,
    jobs: [],
    folders: [],
    more: false,
  };
}

async function pass(world: RecorderWorld, seen: Map<string, number>): Promise<TickReport> {
  const { store } = world;
  const report = emptyReport();
  const drained = await drainSpool(store, world.home, { env: world.env, brief: () => '' });
  report.spooled = drained.replayed;
  for (const f of drained.failed) world.log(`spool: ${f.file}: ${f.message}`);
  const agentEnv = { env: world.env, cwd: world.home };
  const folders = new Set<string>();
  for (const adapter of world.adapters ?? CAPTURE_ADAPTERS) {
    if (adapter.present && !adapter.present(agentEnv)) continue;
    const { files, bytes } = discoverHistory(adapter, agentEnv);
    if (bytes - (seen.get(adapter.agent) ?? 0) >= BULK_BYTES)
      (world.onBulkWork ?? (() => lowerBulkPriority(world.env)))();
    seen.set(adapter.agent, bytes);
    for (const f of files) folders.add(dirname(f.path)).add(dirname(dirname(f.path)));
    const summary = await importHistoryPiped(store, adapter, files, undefined, {
      maxBytes: world.passBytes ?? PASS_BYTES,
    });
    report.imported += summary.imported;
    if (summary.more > 0) report.more = true;
    for (const p of summary.problems.slice(0, 5))
      world.log(`${adapter.agent}: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    if (summary.imported > 0) store.noteCapture(`daemon:${adapter.agent}`);
  }
  report.folders = [...folders];
  const now = world.clock.now();
  for (const s of store.sessions.list({ status: 'active' })) {
    const r = onTrigger(store, { sessionId: s.id, trigger: 'activity', now, git: null });
    if (r.checkpoint) report.checkpoints += 1;
  }
  report.crashed = detectCrashes(store, { now, git: null }).length;
  report.jobs = await runDueJobs(world, world.jobs ?? PERIODIC_JOBS, now);
  return report;
}

/** A checkpoint of each active session that has events its last checkpoint does not hold. */
function checkpointActive(world: RecorderWorld): number {
  const { store } = world;
  let taken = 0;
  for (const s of store.sessions.list({ status: 'active' })) {
    const [last] = store.checkpoints.list({ sessionId: s.id, limit: 1 });
    if (!store.activity.sessionHasEventsAfter(s.id, last?.journalSeq ?? 0)) continue;
    try {
      createCheckpoint(store, {
        session: s.id,
        trigger: 'interval',
        label: 'daemon stopped',
        now: world.clock.now(),
        git: null,
      });
      taken += 1;
    } catch (error) {
      world.log(`checkpoint of ${s.handle} failed: ${(error as Error).message}`);
    }
  }
  return taken;
}
