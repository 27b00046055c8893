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
export { buildBrief, effectiveBudget } from './brief/build-brief.js';
export { buildRecoveryPrompt } from './brief/recovery-prompt.js';
export { loadBriefData } from './load/load-brief-data.js';
export { lastSession as lastSessionOf } from './load/brief-source.js';
export type { BriefRequest, LoadedBrief } from './load/load-brief-data.js';
export { BRIEF_MODES, DEFAULT_BUDGET, EMERGENCY_BUDGET } from './brief/brief-types.js';
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
} from './brief/brief-types.js';

// Change detection
export { detectChanges } from './load/detect-changes.js';
export type { ChangeBase } from './load/detect-changes.js';
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
} from './checkpoints/checkpoints.js';
export type {
  CheckpointDiff,
  CheckpointTrigger,
  CreateCheckpointOptions,
  ListCheckpointsOptions,
  PruneOptions,
  PruneResult,
} from './checkpoints/checkpoints.js';
export type { CheckpointSnapshot } from './checkpoints/checkpoint-snapshot.js';
export { restoreCheckpoint } from './checkpoints/restore-checkpoint.js';
export type { RestoreOptions, RestoreResult } from './checkpoints/restore-checkpoint.js';
export { activeResumePoint } from './checkpoints/resume-point.js';
export type { ResumePoint } from './checkpoints/resume-point.js';
export { DEFAULT_RETENTION, planRetention } from './checkpoints/retention.js';
export type { RetentionPlan, RetentionPolicy } from './checkpoints/retention.js';
export { diffState, isEmptyDiff } from './checkpoints/diff-state.js';
export type { StateDiff } from './checkpoints/diff-state.js';
export {
  AUTO_TRIGGERS,
  DEFAULT_INTERVAL_MS,
  autoTriggerOf,
  onTrigger,
} from './checkpoints/auto-checkpoint.js';
export type { AutoTrigger, TriggerOptions, TriggerResult } from './checkpoints/auto-checkpoint.js';

// Crash detection
export {
  DEFAULT_SILENCE_MS,
  detectCrashes,
  processIsAlive,
  reviveIfCrashed,
} from './checkpoints/crash-detection.js';
export type { CrashDetectionOptions, CrashReport } from './checkpoints/crash-detection.js';
