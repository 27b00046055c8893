// The Baton session a hook payload belongs to, for every agent, and the small writes their hooks
// share. On the hot path this is one indexed lookup; only the first hook of a session pays for
// reading git state and the project. A transcript import of the same session meets it by the
// agent's own session id.
import type { EventKind, JsonObject, Project, Session } from '../../core/index.js';
import { readGitState } from '../../git/index.js';
import type { EventInput, SessionPatch, Store } from '../../store/index.js';
import type { HookContext, HookReply } from '../adapter.js';
import { hookSource } from './hook-names.js';
import { str } from '../json-fields.js';
import type { Rec } from '../json-fields.js';
import { identityForCwd } from '../project-for-cwd.js';
import { promptRef, promptRefRange } from '../prompt-refs.js';

export function findAgentSession(store: Store, agent: string, key: string): Session | null {
  return store.sessions.findByAgentId(agent, key);
}

/** What a new session starts with beyond what its payload says. */
export interface NewSessionHints {
  parentId?: string | null;
  parentKind?: string | null;
  /** Meta noted before the transcript's path. */
  meta?: JsonObject;
  /** The payload field naming the session's transcript (`transcript_path` unless given). */
  transcriptField?: string;
  /** Meta noted after the transcript's path (a subagent's id and type). */
  metaAfter?: JsonObject;
}

/** The session for this payload, created (with its project, branch and HEAD) on first sight. */
export function ensureHookSession(
  store: Store,
  agent: string,
  key: string,
  p: Rec,
  now: number,
  hints: NewSessionHints = {},
): { session: Session; created: boolean } {
  const found = findAgentSession(store, agent, key);
  if (found) return { session: found, created: false };
  const cwd = str(p, 'cwd') ?? null;
  const git = cwd ? readGitState(cwd) : { branch: null, head: null };
  const meta: JsonObject = { ...hints.meta };
  const transcript = str(p, hints.transcriptField ?? 'transcript_path');
  if (transcript) meta.transcriptPath = transcript;
  Object.assign(meta, hints.metaAfter);
  return store.sessions.ensure({
    agent,
    agentSessionId: key,
    projectId: cwd ? store.projects.ensure(identityForCwd(cwd)).id : null,
    cwd,
    gitBranch: git.branch,
    gitHeadStart: git.head,
    startedAt: now,
    parentId: hints.parentId ?? null,
    parentKind: hints.parentKind ?? null,
    meta,
  });
}

/** The session for this payload (see ensureHookSession). */
export function sessionForPayload(
  store: Store,
  agent: string,
  key: string,
  p: Rec,
  now: number,
): Session {
  return ensureHookSession(store, agent, key, p, now).session;
}

export interface HookEvent {
  kind: EventKind;
  role?: string | null;
  tool?: string | null;
  text?: string | null;
  data?: JsonObject | null;
  ref?: string | null;
}

/** Appends one hook event to the payload's session and notes the hook as seen, in one transaction. */
export function recordHookEvent(
  store: Store,
  agent: string,
  key: string,
  p: Rec,
  now: number,
  event: HookEvent,
): { session: Session; inserted: boolean } {
  return store.transaction(() => {
    const session = sessionForPayload(store, agent, key, p, now);
    const input: EventInput = {
      sessionId: session.id,
      ts: now,
      source: 'hook',
      kind: event.kind,
      role: event.role ?? null,
      tool: event.tool ?? null,
      text: event.text ?? null,
      data: event.data ?? null,
      ref: event.ref ?? null,
      raw: p,
    };
    const appended = store.events.append([input]);
    store.noteCapture(hookSource(agent));
    return { session, inserted: appended.inserted === 1 };
  });
}

/**
 * The hook before a compaction (Codex PreCompact, Gemini PreCompress): what the transcript gained
 * is read first, then the compaction is recorded and the checkpoint that must precede it taken.
 */
export async function preCompaction(
  record: (e: HookEvent) => { session: Session },
  sweep: () => void,
  event: string,
  p: Rec,
  ctx: HookContext,
): Promise<HookReply> {
  sweep();
  const { session } = record({
    kind: 'compaction',
    data: { hook: event, phase: 'pre', trigger: str(p, 'trigger') ?? null },
  });
  await ctx.onTrigger?.('pre_compaction', session.id);
  return {};
}

/** The patch that ends a session on the agent's SessionEnd: its reason and the HEAD it ended on. */
export function sessionEndPatch(session: Session, reason: string, now: number): SessionPatch {
  const git = session.cwd ? readGitState(session.cwd) : { head: null };
  return { status: 'ended', endedAt: now, endReason: reason, gitHeadEnd: git.head };
}

/**
 * The ref a typed prompt gets from a hook: the n-th time a hook saw this text in the session. Only
 * the hooks' own copies count: prompt hooks run async, so a transcript sweep may already have
 * stored this very prompt under the same ref — counting that copy would number the hook's one
 * occurrence n+1, and the prompt would be stored twice.
 */
export function hookPromptRef(store: Store, sessionId: string, hash: string): string {
  const [from, to] = promptRefRange(hash);
  return promptRef(hash, store.events.countRefsInRange(sessionId, from, to, 'hook'));
}

/** Claude Code caps injected context at 10,000 characters; Baton keeps every agent's brief below. */
export const AGENT_BRIEF_BUDGET = 9_000;
const HARD_CAP = 9_900;

/** SessionStart's reply: the project's brief as `hookSpecificOutput.additionalContext`. */
export async function briefReply(
  store: Store,
  session: Session,
  source: string,
  ctx: HookContext,
): Promise<HookReply> {
  const project = session.projectId ? store.projects.get(session.projectId) : null;
  if (!project) return {};
  return projectBriefReply(store, project, source, ctx, session.id);
}

/**
 * SessionStart's brief read from a snapshot (the start is recorded later, in the background or
 * after a busy store): for the project of the payload's `cwd` (a project never seen before has
 * nothing to brief). The starting session — `agent`'s, named by the payload — is left out when the
 * snapshot has it already: a new session must not describe itself.
 */
export async function snapshotBriefReply(
  store: Store,
  p: Rec,
  ctx: HookContext,
  agent?: string,
): Promise<HookReply> {
  const cwd = str(p, 'cwd');
  const project = cwd ? store.projects.get(identityForCwd(cwd).key) : null;
  if (!project) return {};
  const agentSessionId = str(p, 'session_id');
  const session =
    agent !== undefined && agentSessionId
      ? store.sessions.findByAgentId(agent, agentSessionId)
      : null;
  return projectBriefReply(store, project, str(p, 'source') ?? 'startup', ctx, session?.id);
}

async function projectBriefReply(
  store: Store,
  project: Project,
  source: string,
  ctx: HookContext,
  sessionId?: string,
): Promise<HookReply> {
  const brief = await ctx.brief(store, project, {
    budget: AGENT_BRIEF_BUDGET,
    source,
    ...(sessionId !== undefined && { sessionId }),
  });
  if (!brief.trim()) return {};
  const additionalContext = brief.length > HARD_CAP ? `${brief.slice(0, HARD_CAP - 1)}…` : brief;
  return {
    stdout: JSON.stringify({
      hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext },
    }),
  };
}

/**
 * SessionStart for an agent whose payload names its session (Codex, Gemini CLI): the session is
 * active again with the start's source (and `meta`) noted, the start recorded, what the
 * transcript gained read by `sweep`, and the brief the reply.
 */
export async function startHookSession(
  store: Store,
  agent: string,
  key: string,
  p: Rec,
  ctx: HookContext,
  now: number,
  then: { sweep: () => void; meta?: JsonObject },
): Promise<HookReply> {
  const source = str(p, 'source') ?? 'startup';
  const session = store.transaction(() => {
    const s = sessionForPayload(store, agent, key, p, now);
    store.sessions.update(s.id, {
      status: 'active',
      endedAt: null,
      endReason: null,
      meta: { ...s.meta, lastStartSource: source, ...then.meta },
    });
    return s;
  });
  recordHookEvent(store, agent, key, p, now, {
    kind: 'system',
    text: `session start: ${source}`,
    data: { hook: 'SessionStart', source },
  });
  then.sweep();
  return briefReply(store, store.sessions.get(session.id) ?? session, source, ctx);
}
