// What the menu's Load and New do, injected so the recovery module can supply the real thing:
// loading a checkpoint makes it the resume point and returns its brief; a new session starts one.
// The defaults here are simple stand-ins: Load shows the checkpoint's metadata, New starts a
// session by hand. Wire the recovery module's functions into MENU_ACTIONS.
import type { Checkpoint, Project } from '../../core/index.js';
import { readGitState } from '../../git/index.js';
import type { CliContext } from '../context.js';
import { formatTime } from '../output.js';

export interface MenuActions {
  /** Makes `checkpoint` the resume point; returns what to print when the menu closes (its brief). */
  loadCheckpoint(ctx: CliContext, checkpoint: Checkpoint): string | Promise<string>;
  /** Starts a new session in `project`; returns what to print when the menu closes. */
  newSession(ctx: CliContext, project: Project): string | Promise<string>;
}

export const defaultMenuActions: MenuActions = {
  loadCheckpoint(ctx, cp) {
    const session = ctx.store().sessions.get(cp.sessionId);
    const rows: [string, string | null][] = [
      ['Checkpoint', `${cp.handle}  (${cp.id})`],
      ['Session', session ? `${session.handle}  ${session.agent}` : cp.sessionId],
      ['Taken', `${formatTime(cp.createdAt)}  (${cp.trigger})`],
      ['Label', cp.label],
      ['Journal', `up to event ${cp.journalSeq}`],
      [
        'Git',
        cp.gitHead
          ? `${cp.gitBranch ?? '(detached)'} @ ${cp.gitHead.slice(0, 12)}${cp.gitDirty.length ? `, ${cp.gitDirty.length} dirty files` : ''}`
          : null,
      ],
      ['Size', `${cp.size} bytes compressed`],
    ];
    return rows
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k.padEnd(12)}${v}`)
      .join('\n');
  },
  newSession(ctx, project) {
    const git = readGitState(project.root);
    const s = ctx.store().sessions.start({
      agent: 'cli',
      projectId: project.id,
      cwd: ctx.world.cwd,
      gitBranch: git.branch,
      gitHeadStart: git.head,
      title: 'Started from the recovery menu',
    });
    return `started ${s.handle}\nattribute later writes to it: export BATON_SESSION=${s.handle}`;
  },
};

/** The actions the menu runs; replace these with the recovery module's when it is wired in. */
export const MENU_ACTIONS: MenuActions = defaultMenuActions;
