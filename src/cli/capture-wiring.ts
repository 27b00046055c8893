// What capture gets from the rest of Baton, chosen here in the composition root: the brief a
// starting session is handed, and what happens on a checkpoint trigger. capture cannot import
// recover (dependencies point one way), so the recovery module's brief and its automatic
// checkpoints are plugged in here — the brief loads lazily so tool hooks never pay for it.
import type { BriefProvider, TriggerCallback } from '../capture/index.js';

export const wiredBrief: BriefProvider = async (store, project, opts) =>
  (await import('./simple-brief.js')).simpleBrief(store, project, opts);

/** Checkpoint triggers (pre_compaction, session_end, error, todo_completed): none until recover lands. */
export const wiredTrigger: TriggerCallback | undefined = undefined;
