// What the menu's Load and New do, injected so they can be swapped: loading a checkpoint makes it
// the resume point and returns its brief; a new session starts one and returns the brief it picks
// up from. MENU_ACTIONS wires the operations in; `describeOnlyActions` is the stand-in with
// no recovery behind it (Load shows the checkpoint's metadata), kept for tests and embedders.
import type { Checkpoint, Project } from '../../core/index.js';
import { recoveryBrief, restoreCheckpoint, startSession } from '../../operations/index.js';
import type { CliContext } from '../context.js';
import { opsWorld } from '../ops-world.js';
import { formatTime } from '../output.js';

export interface MenuActions {
  /** Makes `checkpoint` the resume point; returns what to print when the menu closes (its brief). */
  loadCheckpoint(ctx: CliContext, checkpoint: Checkpoint): string | Promise<string>;
  /** Starts a new session in `project`; returns what to print when the menu closes. */
  newSession(ctx: CliContext, project: Project): string | Promise<string>;
}

const startFromMenu = (ctx: CliContext, project: Project) =>
  startSession(opsWorld(ctx), {
    agent: 'cli',
    projectId: project.id,
    projectRoot: project.root,
    cwd: ctx.world.cwd,
    title: 'Started from the recovery menu',
  });

const exportLine = (handle: string) =>
  `attribute later writes to it: export BATON_SESSION=${handle}`;

export const describeOnlyActions: MenuActions = {
  loadCheckpoint(ctx, cp) {
    const session = ctx.store().sessions.get(cp.sessionId);
    const git = cp.gitHead
      ? `${cp.gitBranch ?? '(detached)'} @ ${cp.gitHead.slice(0, 12)}${cp.gitDirty.length ? `, ${cp.gitDirty.length} dirty files` : ''}`
      : null;
    const rows: [string, string | null][] = [
      ['Checkpoint', `${cp.handle}  (${cp.id})`],
      ['Session', session ? `${session.handle}  ${session.agent}` : cp.sessionId],
      ['Taken', `${formatTime(cp.createdAt)}  (${cp.trigger})`],
      ['Label', cp.label],
      ['Journal', `up to event ${cp.journalSeq}`],
      ['Git', git],
      ['Size', `${cp.size} bytes compressed`],
    ];
    return rows
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k.padEnd(12)}${v}`)
      .join('\n');
  },
  newSession(ctx, project) {
    const s = startFromMenu(ctx, project);
    return `started ${s.handle}\n${exportLine(s.handle)}`;
  },
};

/** The operations behind the menu: Load restores the resume point and prints the brief. */
export const recoveryMenuActions: MenuActions = {
  async loadCheckpoint(ctx, cp) {
    const world = opsWorld(ctx);
    restoreCheckpoint(world, { ref: cp.id, rollback: false });
    const brief = await recoveryBrief(world, {
      projectId: cp.projectId ?? ctx.project().id,
      checkpointRef: cp.id,
      format: 'md',
      cwd: ctx.world.cwd,
    });
    return `${cp.handle} is now the resume point: the next brief starts from it.\n\n${brief.text}`;
  },
  async newSession(ctx, project) {
    const s = startFromMenu(ctx, project);
    const brief = await recoveryBrief(opsWorld(ctx), {
      projectId: project.id,
      format: 'md',
      cwd: ctx.world.cwd,
      excludeSessionId: s.id,
    });
    return `started ${s.handle}\n${exportLine(s.handle)}\n\n${brief.text}`;
  },
};

/** The actions the menu runs. */
export const MENU_ACTIONS: MenuActions = recoveryMenuActions;
