// recover: what a new session needs to pick up where the last one stopped. The brief
// is built by a pure function (buildBrief) over data that a loader reads from the store and git;
// checkpoints are consistent, compressed snapshots taken on request, on triggers and on an
// interval, kept under a retention policy, diffed and restored (with an undoable rollback);
// crash detection marks sessions whose agent died. It reads and writes only through the Store,
// spawns `git` (time-bounded) for change detection, and imports nothing from capture, search, cli
// or mcp — those call it.

// The brief
export { resumeBrief, sessionStartBrief } from './resume-brief.js';
export type { ResumeBriefOptions, ResumeBriefResult } from './resume-brief.js';
export { buildBrief, effectiveBudget } from './build-brief.js';
export { buildRecoveryPrompt } from './recovery-prompt.js';
export { loadBriefData } from './load-brief-data.js';
export { lastSession as lastSessionOf } from './brief-source.js';
export type { BriefRequest, LoadedBrief } from './load-brief-data.js';
export { BRIEF_MODES, DEFAULT_BUDGET, EMERGENCY_BUDGET } from './brief-types.js';
export type {
  ActionEvent,
  Brief,
  BriefData,
  BriefJson,
  BriefMode,
  BriefOptions,
  ChangeReport,
  EndState,
  RecentActivity,
  TimelineEntry,
  TodoFocus,
} from './brief-types.js';

// Change detection
export { detectChanges } from './detect-changes.js';
export type { ChangeBase } from './detect-changes.js';
// Kept for callers in the CLI until they import git's door directly.
export { createGitRunner } from '../git/index.js';
export type { GitResult, GitRunner, GitRunnerOptions } from '../git/index.js';

// Checkpoints
export {
  CHECKPOINT_TRIGGERS,
  createCheckpoint,
  diffCheckpoints,
  getCheckpoint,
  listCheckpoints,
  loadSnapshot,
  pruneCheckpoints,
} from './checkpoints.js';
export type {
  CheckpointDiff,
  CheckpointTrigger,
  CreateCheckpointOptions,
  ListCheckpointsOptions,
  PruneOptions,
  PruneResult,
} from './checkpoints.js';
export type { CheckpointSnapshot } from './checkpoint-snapshot.js';
export { restoreCheckpoint } from './restore-checkpoint.js';
export type { RestoreOptions, RestoreResult } from './restore-checkpoint.js';
export { activeResumePoint } from './resume-point.js';
export type { ResumePoint } from './resume-point.js';
export { DEFAULT_RETENTION, planRetention } from './retention.js';
export type { RetentionPlan, RetentionPolicy } from './retention.js';
export { diffState, isEmptyDiff } from './diff-state.js';
export type { StateDiff } from './diff-state.js';
export { AUTO_TRIGGERS, DEFAULT_INTERVAL_MS, autoTriggerOf, onTrigger } from './auto-checkpoint.js';
export type { AutoTrigger, TriggerOptions, TriggerResult } from './auto-checkpoint.js';

// Crash detection
export {
  DEFAULT_SILENCE_MS,
  detectCrashes,
  processIsAlive,
  reviveIfCrashed,
} from './crash-detection.js';
export type { CrashDetectionOptions, CrashReport } from './crash-detection.js';
