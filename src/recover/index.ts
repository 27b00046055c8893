// recover: what a new session needs to pick up where the last one stopped. Three parts:
// load/ reads a session's recent work from the store and git; brief/ turns that into a brief by
// pure functions (sections, budget fitting, the recovery prompt); checkpoints/ takes consistent,
// compressed snapshots on request, on triggers and on an interval, keeps them under a retention
// policy, diffs and restores them (with an undoable rollback) and marks sessions whose agent died.
// resume-brief.ts ties load/ and brief/ together. It reads and writes only through the Store,
// spawns `git` (time-bounded) for change detection, and imports nothing from capture or search;
// the faces call it. This door lists what code outside recover uses.

// The brief
export { resumeBrief, sessionStartBrief } from './resume-brief.js';
export { lastSession as lastSessionOf } from './load/brief-source.js';
export { BRIEF_MODES } from './brief/brief-types.js';
export type { BriefMode, BriefOptions } from './brief/brief-types.js';

// Kept for callers in the CLI until they import git's door directly.
export { createGitRunner } from '../git/index.js';
export type { GitRunner } from '../git/index.js';

// Checkpoints
export {
  CHECKPOINT_TRIGGERS,
  createCheckpoint,
  diffCheckpoints,
  getCheckpoint,
  listCheckpoints,
  loadSnapshot,
  pruneCheckpoints,
} from './checkpoints/checkpoints.js';
export type { CheckpointDiff, CheckpointTrigger } from './checkpoints/checkpoints.js';
export { restoreCheckpoint } from './checkpoints/restore-checkpoint.js';
export type { RestoreResult } from './checkpoints/restore-checkpoint.js';
export { activeResumePoint } from './checkpoints/resume-point.js';
export { DEFAULT_RETENTION } from './checkpoints/retention.js';
export { isEmptyDiff } from './checkpoints/diff-state.js';
export type { StateDiff } from './checkpoints/diff-state.js';
export { AUTO_TRIGGERS, autoTriggerOf, onTrigger } from './checkpoints/auto-checkpoint.js';
export type { AutoTrigger } from './checkpoints/auto-checkpoint.js';
export { crashCandidates, detectCrashes } from './checkpoints/crash-detection.js';
