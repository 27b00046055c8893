// The recorder's periodic jobs: work the daemon does on a schedule rather than when a file
// changes. Each job says how often it is due (read from the settings at every pass, so a change
// applies without a restart) and does its work through an operation. The recorder runs the jobs
// that are due at the end of a pass, one after another, never two passes at once; when each last
// ran is kept in the store, so a restarted daemon neither repeats nor forgets one. A job's first
// run comes one interval after the daemon first saw it enabled. Adding a job: write it (its own
// file when it is more than a few lines) and add it to PERIODIC_JOBS.
import { backupStore, lastRunSetting, settingValue } from '../operations/index.js';
import type { Store } from '../store/index.js';
import type { RecorderWorld } from './recorder.js';
import { embeddingsJob } from './embeddings-job.js';

export interface PeriodicJob {
  /** Names the job in the daemon log and in the setting that keeps its last run. */
  name: string;
  /** How often it is due, in ms; null when it is off. */
  every(store: Store): number | null;
  /** Does the work; resolves with a line for the daemon log (null: nothing worth saying). */
  run(world: RecorderWorld): Promise<string | null>;
}

const HOUR = 3_600_000;

/** A backup into the default folder every `backup.intervalHours`; `backup.keep` are kept. */
export const backupJob: PeriodicJob = {
  name: 'backup',
  every(store) {
    const hours = settingValue(store, 'backup.intervalHours');
    return typeof hours === 'number' && hours > 0 ? hours * HOUR : null;
  },
  async run(world) {
    const ops = { store: world.store, clock: world.clock, envSession: null, git: null };
    const r = await backupStore(ops, { home: world.home });
    const rotated = r.rotated.length ? `, ${r.rotated.length} older one(s) removed` : '';
    return `backup: ${r.report.path} (${r.report.bytes} bytes)${rotated}`;
  },
};

export const PERIODIC_JOBS: readonly PeriodicJob[] = [backupJob, embeddingsJob];

const lastRunKey = (job: PeriodicJob) => lastRunSetting(job.name);

/** Runs each job that is due at `now`; returns the names of those that ran. */
export async function runDueJobs(
  world: RecorderWorld,
  jobs: readonly PeriodicJob[],
  now: number,
): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    const every = job.every(world.store);
    if (every === null) continue;
    const last = world.store.getSetting(lastRunKey(job));
    if (typeof last !== 'number') {
      world.store.setSetting(lastRunKey(job), now);
      continue;
    }
    if (now - last < every) continue;
    world.store.setSetting(lastRunKey(job), now);
    try {
      const line = await job.run(world);
      if (line) world.log(line);
      ran.push(job.name);
    } catch (error) {
      world.log(`${job.name} failed: ${(error as Error).message}`);
    }
  }
  return ran;
}
