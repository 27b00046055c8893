// resumeBrief: the one call behind `baton resume`, the SessionStart hook and the MCP server's
// `resume_brief` tool and recovery prompts. It marks crashed sessions first (so the brief can say
// so), reads the data, asks git what changed, and builds the brief (or the recovery prompt).
import type { Store } from '../store/index.js';
import type { Brief, BriefData, BriefJson, BriefMode } from './brief/brief-types.js';
import { buildBrief } from './brief/build-brief.js';
import { detectCrashes } from './checkpoints/crash-detection.js';
import type { CrashReport } from './checkpoints/crash-detection.js';
import { detectChanges } from './load/detect-changes.js';
import { createGitRunner } from '../git/index.js';
import type { GitRunner } from '../git/index.js';
import { loadBriefData } from './load/load-brief-data.js';
import { buildRecoveryPrompt } from './brief/recovery-prompt.js';

export interface ResumeBriefOptions {
  projectId: string;
  mode?: BriefMode;
  /** Resume from this session (id, handle or the agent's session id) instead of the last one. */
  sessionRef?: string;
  /** Resume from this checkpoint (id or handle). */
  checkpointRef?: string;
  /** Focus on one todo (number or id). */
  todoRef?: string;
  /** Characters (default 9,500; emergency at most 1,500). */
  budget?: number;
  format?: 'md' | 'json';
  /** The recovery prompt instead of the brief. */
  prompt?: boolean;
  now: number;
  /** Where to look for git changes (default: the project root). */
  cwd?: string;
  /**
   * The session asking for the brief, which must not describe itself: a SessionStart hook for a
   * new session (startup, clear) passes it; after a compaction or a resume, do not.
   */
  excludeSessionId?: string;
  /** Mark crashed sessions of the project first (default true). */
  detectCrashes?: boolean;
  isAlive?: (pid: number) => boolean;
  silenceMs?: number;
  /** How git is run; null skips change detection (and dirty files in crash checkpoints). */
  git?: GitRunner | null;
}

export interface ResumeBriefResult {
  /** Markdown, or the JSON text when format is json. */
  text: string;
  json: BriefJson;
  omitted: string[];
  brief: Brief;
  data: BriefData;
  /** Sessions this call found crashed (and checkpointed). */
  crashes: CrashReport[];
}

export async function resumeBrief(
  store: Store,
  opts: ResumeBriefOptions,
): Promise<ResumeBriefResult> {
  const git = opts.git === undefined ? createGitRunner() : opts.git;
  const crashes =
    opts.detectCrashes === false
      ? []
      : detectCrashes(store, {
          now: opts.now,
          projectId: opts.projectId,
          git,
          ...(opts.isAlive && { isAlive: opts.isAlive }),
          ...(opts.silenceMs !== undefined && { silenceMs: opts.silenceMs }),
        });
  const mode = opts.mode ?? 'quick';
  const { data, changeBase, project } = loadBriefData(store, {
    projectId: opts.projectId,
    mode,
    now: opts.now,
    sessionRef: opts.sessionRef,
    checkpointRef: opts.checkpointRef,
    todoRef: opts.todoRef,
    excludeSessionId: opts.excludeSessionId,
  });
  if (changeBase && git)
    data.changes = await detectChanges(opts.cwd ?? project.root, changeBase, git);
  const options = { mode, ...(opts.budget !== undefined && { budget: opts.budget }) };
  const brief = opts.prompt ? buildRecoveryPrompt(data, options) : buildBrief(data, options);
  const text = opts.format === 'json' ? JSON.stringify(brief.json, null, 2) : brief.text;
  return { text, json: brief.json, omitted: brief.omitted, brief, data, crashes };
}

/** Why an agent session starts, as hooks report it; a new session must not describe itself. */
const NEW_SESSION_SOURCES = new Set(['startup', 'clear', 'fork', 'new']);

/**
 * The brief for an agent session that is starting (a SessionStart hook). `source` is the agent's
 * reason: a new session (startup, clear, fork) is left out so the brief describes the one before
 * it; a resumed or compacted session goes on and is described itself.
 */
export async function sessionStartBrief(
  store: Store,
  opts: Omit<ResumeBriefOptions, 'excludeSessionId' | 'format' | 'prompt'> & {
    source: string;
    sessionId?: string;
  },
): Promise<string> {
  const { source, sessionId, ...rest } = opts;
  const exclude = sessionId !== undefined && NEW_SESSION_SOURCES.has(source);
  const result = await resumeBrief(store, {
    ...rest,
    ...(exclude && { excludeSessionId: sessionId }),
  });
  return result.text;
}
