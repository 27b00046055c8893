// A forked session's transcript begins with a copy of its parent's history (Claude Code's
// `--resume <id> --fork-session` writes the parent's records, ids included, into the new file). The
// copies are the parent's, not the fork's: they are left out, and the fork is linked to the
// session that holds them. The parent is found by the first record whose ref is an id unique to
// one record (never a prompt's text): the project's recent sessions of the agent are asked for it,
// one query for them all. Claude Code 2.1.197 announces a fork with a SessionStart `resume` under
// the parent's id, which reopens the parent; a parent so reopened and holding nothing new is ended
// again.
import type { Session } from '../../core/index.js';
import type { Store } from '../../store/index.js';

/** How many of the project's recent sessions are asked whether they hold a fork's first record. */
const CANDIDATES = 20;
/** Refs naming one record of one transcript (ids), as opposed to a prompt's text. */
const UNIQUE_REF = /^(uuid|tool_use|tool_result|assistant):/;
/** The parent kinds a SessionStart hook guesses from its `source` (the hook cannot name a parent). */
const GUESSED = new Set(['resume', 'fork', 'clear', 'compact']);

export class ForkCopies {
  /** Per session id: its parent when it is a fork, null when it is not (asked once per run). */
  private readonly forks = new Map<string, Session | null>();

  constructor(
    private readonly store: Store,
    private readonly agent: string,
  ) {}

  /** The drafts that are the session's own: those copied from a parent are left out. */
  keep<D extends { ref: string }>(drafts: D[], sessionOf: (d: D) => string): D[] {
    const ids = drafts.map(sessionOf);
    drafts.forEach((d, i) => this.parentOf(ids[i]!, d));
    return drafts.filter((d, i) => {
      const parent = this.forks.get(ids[i]!);
      return !parent || this.store.events.holderOfRef([parent.id], d.ref) === null;
    });
  }

  /** Decided at the session's first draft with a unique ref (lines before it are its own). */
  private parentOf(sessionId: string, draft: { ref: string }): Session | null {
    const known = this.forks.get(sessionId);
    if (known !== undefined) return known;
    const session = this.store.sessions.get(sessionId);
    let parent: Session | null = null;
    if (session?.parentKind === 'fork' && session.meta.forkOf === session.parentId) {
      parent = session.parentId === null ? null : this.store.sessions.get(session.parentId);
    } else if (session && this.mayBeFork(session)) {
      if (!UNIQUE_REF.test(draft.ref)) return null;
      parent = this.findParent(session, draft.ref);
    }
    this.forks.set(sessionId, parent);
    return parent;
  }

  private mayBeFork(session: Session): boolean {
    if (session.projectId === null) return false;
    return session.parentKind === null || GUESSED.has(session.parentKind);
  }

  private findParent(session: Session, ref: string): Session | null {
    const candidates = this.store.sessions.list({
      projectId: session.projectId!,
      agent: this.agent,
      limit: CANDIDATES,
    });
    const others = candidates.filter((c) => c.id !== session.id);
    const holder = this.store.events.holderOfRef(
      others.map((c) => c.id),
      ref,
    );
    const parent = others.find((c) => c.id === holder);
    if (!parent) return null;
    this.store.sessions.update(session.id, {
      parentId: parent.id,
      parentKind: 'fork',
      meta: { ...session.meta, forkOf: parent.id },
    });
    if (parent.status === 'active' && parent.meta.lastStartSource === 'resume')
      this.store.sessions.update(parent.id, {
        status: 'ended',
        endReason: 'forked',
        endedAt: parent.lastActivityAt,
      });
    return parent;
  }
}
