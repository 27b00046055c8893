// Checkpoints as record lines: `{"record":"checkpoint","v":1,…}`. A checkpoint's snapshot holds
// ids and journal positions that only mean something in the store it was taken in, so an export
// writes each of them as the name the file gives that thing elsewhere — a project by its folder
// (or name), a session by `{session, agent}` as its events name it, an event by `{session, agent,
// ref}` — and leaves out what the importing store makes again (handles, fact and component ids).
// An import turns the names back into the importing store's ids and positions. A checkpoint keeps
// its id, so importing it again adds nothing.
import { randomUUID } from 'node:crypto';
import type { Checkpoint, Project, Session } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { EventSessions } from './event-sessions.js';

export const CHECKPOINT_FIELDS = [
  'project',
  'session',
  'agent',
  'id',
  'label',
  'trigger',
  'journal',
  'gitHead',
  'gitBranch',
  'gitDirty',
  'createdAt',
  'snapshot',
] as const;

/** A session as the file names it. */
interface SessionName {
  session: string;
  agent: string;
}

/** An event as the file names it. */
interface EventName extends SessionName {
  ref: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const RECENT_LISTS = ['actions', 'errors', 'prompts'] as const;
const RECENT_ONE = ['assistant', 'summary'] as const;

/** Store ids → the names the file gives them. */
class Namer {
  private readonly sessions = new Map<string, Session | null>();
  private readonly projects = new Map<string, Project | null>();
  constructor(private readonly store: Store) {}

  session(id: unknown): SessionName | null {
    if (typeof id !== 'string') return null;
    let s = this.sessions.get(id);
    if (s === undefined) {
      s = this.store.sessions.get(id);
      this.sessions.set(id, s);
    }
    return s ? { session: s.agentSessionId ?? s.id, agent: s.agent } : null;
  }

  project(id: unknown): string | null {
    if (typeof id !== 'string') return null;
    let p = this.projects.get(id);
    if (p === undefined) {
      p = this.store.projects.get(id);
      this.projects.set(id, p);
    }
    return p ? p.root || p.name : null;
  }

  event(seq: unknown): EventName | null {
    if (typeof seq !== 'number') return null;
    const e = this.store.events.get(seq);
    const s = e ? this.session(e.sessionId) : null;
    return e && s ? { ...s, ref: e.ref ?? e.id } : null;
  }
}

/** The project's checkpoints (null: every checkpoint), oldest first, as record lines. */
export function* exportCheckpoints(store: Store, projectId: string | null): Generator<string> {
  const names = new Namer(store);
  const all = store.checkpoints.list(projectId === null ? {} : { projectId });
  for (const c of all.reverse()) {
    let snap: unknown;
    try {
      snap = JSON.parse(store.checkpoints.snapshot(c.id));
    } catch {
      continue; // A snapshot this Baton cannot read cannot be rewritten either.
    }
    if (!isObj(snap)) continue;
    const session = names.session(c.sessionId);
    if (!session) continue;
    const fields: Obj = {
      project: names.project(c.projectId),
      ...session,
      id: c.id,
      label: c.label,
      trigger: c.trigger,
      journal: names.event(journalEvent(store, c)),
      gitHead: c.gitHead,
      gitBranch: c.gitBranch,
      gitDirty: c.gitDirty.length ? c.gitDirty : null,
      createdAt: new Date(c.createdAt).toISOString(),
      snapshot: portable(snap, names),
    };
    const out: Obj = { record: 'checkpoint', v: 1 };
    for (const f of CHECKPOINT_FIELDS) {
      if (fields[f] !== null && fields[f] !== undefined) out[f] = fields[f];
    }
    yield JSON.stringify(out) + '\n';
  }
}

/** The seq of the last event of the checkpoint's project (or session) at its journal position. */
function journalEvent(store: Store, c: Checkpoint): number | null {
  const [e] = store.events.list({
    ...(c.projectId !== null ? { projectId: c.projectId } : { sessionId: c.sessionId }),
    beforeSeq: c.journalSeq + 1,
    order: 'desc',
    limit: 1,
  });
  return e?.seq ?? null;
}

/** Each list of records in a snapshot, with the fields that hold ids and what they name. */
const RECORD_IDS: Record<string, Record<string, 'project' | 'session' | 'drop'>> = {
  todos: { projectId: 'project', originSessionId: 'session' },
  decisions: { projectId: 'project', sessionId: 'session' },
  facts: { id: 'drop', projectId: 'project', sessionId: 'session' },
  components: { id: 'drop', projectId: 'project' },
};

/** A snapshot with its store ids replaced by names (a copy). */
function portable(snap: Obj, names: Namer): Obj {
  const out: Obj = { ...snap };
  delete out.journalSeq;
  if (isObj(snap.session)) {
    const { id: _id, handle: _handle, projectId, parentId, ...rest } = snap.session;
    out.session = {
      ...rest,
      projectId: names.project(projectId),
      parentId: names.session(parentId),
    };
  }
  if (isObj(snap.project)) {
    const { id: _id, ...rest } = snap.project;
    out.project = rest;
  }
  for (const [list, fields] of Object.entries(RECORD_IDS)) {
    if (!Array.isArray(snap[list])) continue;
    out[list] = (snap[list] as unknown[]).map((r) => {
      if (!isObj(r)) return r;
      const copy: Obj = { ...r };
      for (const [f, what] of Object.entries(fields)) {
        if (what === 'drop') delete copy[f];
        else copy[f] = what === 'project' ? names.project(r[f]) : names.session(r[f]);
      }
      return copy;
    });
  }
  out.recent = mapRecent(snap.recent, (seq) => names.event(seq));
  return out;
}

function mapRecent(recent: unknown, seq: (v: unknown) => unknown): unknown {
  if (!isObj(recent)) return recent;
  const one = (a: unknown) => (isObj(a) ? { ...a, seq: seq(a.seq) } : a);
  const out: Obj = { ...recent };
  for (const k of RECENT_LISTS) if (Array.isArray(recent[k])) out[k] = recent[k].map(one);
  for (const k of RECENT_ONE) if (k in recent) out[k] = one(recent[k]);
  return out;
}

/** Why a checkpoint line could not be imported. */
export class BadCheckpoint extends Error {}

/** Names in the file → the importing store's ids. */
class Resolver {
  private readonly cache = new Map<string, string | null>();
  constructor(
    private readonly store: Store,
    private readonly sessions: EventSessions,
  ) {}

  session(name: unknown): string | null {
    if (!isObj(name) || typeof name.session !== 'string') return null;
    const agent = typeof name.agent === 'string' ? name.agent : 'unknown';
    const key = `${agent}\u0000${name.session}`;
    let id = this.cache.get(key);
    if (id === undefined) {
      id =
        (
          this.store.sessions.findByAgentId(agent, name.session) ??
          this.store.sessions.findByIdOrHandle(name.session)
        )?.id ?? null;
      this.cache.set(key, id);
    }
    return id;
  }

  project(name: unknown): string | null {
    return typeof name === 'string' && name !== '' ? this.sessions.project(name) : null;
  }

  /** The importing store's seq of a named event; 0 when the store does not hold it. */
  seq(name: unknown): number {
    const session = this.session(name);
    if (session === null || !isObj(name) || typeof name.ref !== 'string') return 0;
    return this.store.events.seqOfRef(session, name.ref) ?? 0;
  }
}

/** Writes one checkpoint line; false when the store already holds the checkpoint. */
export function importCheckpoint(store: Store, sessions: EventSessions, value: Obj): boolean {
  const str = (k: string, optional = false): string | null => {
    const v = value[k];
    if ((v === undefined || v === null) && optional) return null;
    if (typeof v !== 'string' || v === '')
      throw new BadCheckpoint(`field "${k}": a non-empty string`);
    return v;
  };
  const id = str('id')!;
  const createdAt = Date.parse(str('createdAt')!);
  if (Number.isNaN(createdAt)) throw new BadCheckpoint('field "createdAt": an ISO-8601 time');
  const snap = value.snapshot;
  if (!isObj(snap) || !isObj(snap.session) || !Array.isArray(snap.todos)) {
    throw new BadCheckpoint('field "snapshot": a checkpoint snapshot');
  }
  const dirty = value.gitDirty ?? [];
  if (!Array.isArray(dirty) || dirty.some((d) => typeof d !== 'string')) {
    throw new BadCheckpoint('field "gitDirty": a list of strings');
  }
  const ids = new Resolver(store, sessions);
  const sessionId = ids.session(value);
  if (sessionId === null) {
    throw new BadCheckpoint(
      `field "session": no session "${str('session')}" in the file or the store`,
    );
  }
  if (store.checkpoints.get(id)) return false;
  const projectName = str('project', true);
  const projectId = projectName === null ? null : ids.project(projectName);
  const journalSeq = value.journal === undefined ? 0 : ids.seq(value.journal);
  store.checkpoints.insert({
    id,
    sessionId,
    projectId,
    label: str('label', true),
    trigger: str('trigger')!,
    journalSeq,
    gitHead: str('gitHead', true),
    gitBranch: str('gitBranch', true),
    gitDirty: dirty as string[],
    snapshot: JSON.stringify(local(snap, store, ids, { sessionId, projectId, journalSeq })),
    createdAt,
  });
  return true;
}

/** A portable snapshot with the importing store's ids put back (a copy). */
function local(
  snap: Obj,
  store: Store,
  ids: Resolver,
  at: { sessionId: string; projectId: string | null; journalSeq: number },
): Obj {
  const out: Obj = { ...snap, journalSeq: at.journalSeq };
  const session = store.sessions.get(at.sessionId)!;
  const s = snap.session as Obj;
  out.session = {
    ...s,
    id: at.sessionId,
    handle: session.handle,
    projectId: ids.project(s.projectId),
    parentId: ids.session(s.parentId),
  };
  if (isObj(snap.project)) out.project = { id: at.projectId, ...snap.project };
  const liveIds = new Map<string, string>();
  const liveId = (kind: 'fact' | 'component', projectId: string | null, name: unknown) => {
    const key = `${kind}\u0000${projectId ?? ''}`;
    if (!liveIds.has(key)) {
      liveIds.set(key, '');
      const live =
        kind === 'fact'
          ? store.facts
              .list({ projectId, includeGlobal: false, includeExpired: true, now: 0 })
              .filter((f) => f.projectId === projectId)
              .map((f) => [f.key, f.id] as const)
          : projectId === null
            ? []
            : store.components.list(projectId).map((c) => [c.name, c.id] as const);
      for (const [k, v] of live) liveIds.set(`${key}\u0000${k}`, v);
    }
    return liveIds.get(`${key}\u0000${String(name)}`) ?? randomUUID();
  };
  for (const [list, fields] of Object.entries(RECORD_IDS)) {
    if (!Array.isArray(snap[list])) continue;
    out[list] = (snap[list] as unknown[]).map((r) => {
      if (!isObj(r)) return r;
      // The id first, as the store wrote it, so that exporting again gives the same bytes.
      const copy: Obj = { id: r.id, ...r };
      for (const [f, what] of Object.entries(fields)) {
        if (what === 'project') copy[f] = ids.project(r[f]);
        else if (what === 'session') copy[f] = ids.session(r[f]);
      }
      if (list === 'facts') copy.id = liveId('fact', copy.projectId as string | null, r.key);
      if (list === 'components') {
        copy.id = liveId('component', copy.projectId as string | null, r.name);
      }
      return copy;
    });
  }
  out.recent = mapRecent(snap.recent, (name) => ids.seq(name));
  return out;
}
