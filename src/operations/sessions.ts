// Sessions started and ended by hand (agents with hooks start and end their own). Ending an
// active session records the HEAD it ended on and takes the session-end checkpoint; ending one
// that is over already changes nothing.
import { BatonError } from '../core/index.js';
import type { Session } from '../core/index.js';
import { readGitState } from '../git/index.js';
import { checkpointAfterWrite } from './checkpoint-triggers.js';
import { whichSession } from './which-session.js';
import type { OpsWorld } from './world.js';

export interface StartSessionInput {
  projectId: string;
  /** The project's folder, where its branch and HEAD are read. */
  projectRoot: string;
  agent: string;
  title?: string | null | undefined;
  cwd: string;
}

export function startSession(world: OpsWorld, input: StartSessionInput): Session {
  const git = readGitState(input.projectRoot);
  return world.store.sessions.start({
    agent: input.agent,
    projectId: input.projectId,
    cwd: input.cwd,
    gitBranch: git.branch,
    gitHeadStart: git.head,
    title: input.title ?? null,
  });
}

export interface EndSessionInput {
  projectId: string;
  projectRoot: string;
  /** Default: the environment's session, else the project's active one. */
  session?: string | undefined;
  reason: string;
}

export interface EndedSession {
  session: Session;
  /** False when it had ended (or crashed) before. */
  ended: boolean;
  /** Its status before. */
  previousStatus: Session['status'];
}

export function endSession(world: OpsWorld, input: EndSessionInput): EndedSession {
  const s = whichSession(world, {
    projectId: input.projectId,
    ref: input.session,
    staleEnv: 'fail',
    fallback: 'active',
  });
  if (!s) throw new BatonError('NOT_FOUND', 'no active session in this project');
  if (s.status !== 'active') return { session: s, ended: false, previousStatus: s.status };
  const session = world.store.sessions.update(s.id, {
    status: 'ended',
    endedAt: world.clock.now(),
    endReason: input.reason,
    gitHeadEnd: readGitState(input.projectRoot).head,
  });
  checkpointAfterWrite(world, session.id, 'session-end');
  return { session, ended: true, previousStatus: s.status };
}
