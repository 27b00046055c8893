// The recovery brief, the recovery prompt and the one-todo focus: what `baton resume`, the menu,
// `checkpoint show`, and the MCP server's resume_brief tool, brief resource and resume prompts
// all hand out. The rules live here: a brief comes from a session or a checkpoint, not both; it
// looks at the repository through the world's git unless asked not to; crashed sessions are marked
// first, so the brief can say so.
import { BatonError } from '../core/index.js';
import { resumeBrief } from '../recover/index.js';
import type { BriefMode } from '../recover/index.js';
import type { OpsWorld } from './world.js';

export interface BriefInput {
  projectId: string;
  /** quick (default), full or emergency. */
  mode?: BriefMode | undefined;
  /** Build it from this session (handle, id or the agent's id) instead of the latest. */
  sessionRef?: string | undefined;
  /** Build it from this checkpoint (handle or id). */
  checkpointRef?: string | undefined;
  /** Focus on one todo (number or id): its history, files, blockers, what remains. */
  todoRef?: string | undefined;
  /** The most characters; absent: the builder's default for the mode. */
  budget?: number | undefined;
  format?: 'md' | 'json' | undefined;
  /** The recovery prompt for a model taking over, not the brief. */
  prompt?: boolean | undefined;
  /** Where to look for changes since the session (default: the project's root). */
  cwd?: string | undefined;
  /** False: do not look at the repository at all (no change detection). Default true. */
  useGit?: boolean | undefined;
  /** False: leave crash detection to others (a read that must not write). Default true. */
  markCrashes?: boolean | undefined;
  /** The session asking, which must not describe itself (it has just started). */
  excludeSessionId?: string | undefined;
}

export interface RecoveryBrief {
  /** Markdown, or JSON text when the format is json; never longer than the budget. */
  text: string;
  mode: BriefMode;
  /** What it was built from. */
  sessionHandle: string | null;
  checkpointHandle: string | null;
  /** True when the budget made it leave something out. */
  truncated: boolean;
}

export async function recoveryBrief(world: OpsWorld, input: BriefInput): Promise<RecoveryBrief> {
  if (input.sessionRef !== undefined && input.checkpointRef !== undefined) {
    throw new BatonError('USAGE', 'give a session or a checkpoint, not both');
  }
  const mode = input.mode ?? 'quick';
  const r = await resumeBrief(world.store, {
    projectId: input.projectId,
    mode,
    now: world.clock.now(),
    git: input.useGit === false ? null : world.git,
    ...(input.format !== undefined && { format: input.format }),
    ...(input.sessionRef !== undefined && { sessionRef: input.sessionRef }),
    ...(input.checkpointRef !== undefined && { checkpointRef: input.checkpointRef }),
    ...(input.todoRef !== undefined && { todoRef: input.todoRef }),
    ...(input.budget !== undefined && { budget: input.budget }),
    ...(input.prompt && { prompt: true }),
    ...(input.cwd !== undefined && { cwd: input.cwd }),
    ...(input.markCrashes === false && { detectCrashes: false }),
    ...(input.excludeSessionId !== undefined && { excludeSessionId: input.excludeSessionId }),
  });
  return {
    text: r.text,
    mode,
    sessionHandle: r.data.session?.handle ?? null,
    checkpointHandle: r.data.checkpoint?.handle ?? null,
    truncated: r.omitted.length > 0,
  };
}
