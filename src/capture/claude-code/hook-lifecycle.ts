// Session lifecycle from Claude Code's hooks: start (linked to the session it continues on resume,
// clear, compact or fork), compaction, turn ends, subagents, and the end with its reason. Turn
// ends, compactions and ends also read what the transcript gained since the last read ("sweep"),
// which brings in the assistant's messages that no hook carries. Loaded only for these events.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JsonObject, Session } from '../../core/index.js';
import type { EventInput, Store } from '../../store/index.js';
import type { HookContext, HookReply } from '../adapter.js';
import { briefReply, sessionEndPatch } from '../hooks/hook-session.js';
import { hookSource } from '../hooks/hook-names.js';
import { applyPlanEffect } from '../plan-sync.js';
import { findSession, sessionForHook } from './hook-session.js';
import type { HookIds } from './hook-session.js';
import { importClaudeTranscript } from './import-transcript.js';
import { describeTranscriptPath } from './paths.js';
import { planEffect } from './plan-effects.js';
import { AGENT } from './refs.js';
import { str } from '../json-fields.js';
import type { Rec } from '../json-fields.js';

const SOURCE = hookSource(AGENT);
/** A hook reads at most this much new transcript; more is left for `baton import`. */
const SWEEP_LIMIT = 16 * 1024 * 1024;
const SESSION_END_SWEEP_LIMIT = 4 * 1024 * 1024;

export async function handleLifecycle(
  event: string,
  p: Rec,
  ids: HookIds,
  ctx: HookContext,
): Promise<HookReply> {
  const store = ctx.store();
  const now = ctx.clock.now();
  switch (event) {
    case 'SessionStart':
      return sessionStart(store, p, ids, ctx, now);
    case 'SessionEnd': {
      // `claude mcp list`, `mcp get` and `doctor` end a session that never started: no hook saw
      // it and it wrote no transcript. Recording that end would make a session of nothing.
      if (findSession(store, ids.key) === null && !hasTranscript(str(p, 'transcript_path')))
        return {};
      sweep(store, str(p, 'transcript_path'), SESSION_END_SWEEP_LIMIT);
      // What Claude Code wrote into a subagent's transcript after its SubagentStop sweep (e.g. the
      // record of that very hook's success, written once the hook has answered).
      for (const t of subagentTranscripts(str(p, 'transcript_path')))
        sweep(store, t, SESSION_END_SWEEP_LIMIT);
      const reason = str(p, 'reason') ?? 'other';
      const session = record(
        store,
        ids,
        p,
        now,
        { kind: 'system', text: `session ended: ${reason}`, data: { hook: event, reason } },
        (s) => store.sessions.update(s.id, sessionEndPatch(s, reason, now)),
      );
      await ctx.onTrigger?.('session_end', session.id);
      return {};
    }
    case 'Stop':
      record(store, ids, p, now, { kind: 'system', text: null, data: { hook: event } });
      sweep(store, str(p, 'transcript_path'), SWEEP_LIMIT);
      return {};
    case 'PreCompact': {
      sweep(store, str(p, 'transcript_path'), SWEEP_LIMIT);
      const data: JsonObject = { hook: event, phase: 'pre', trigger: str(p, 'trigger') ?? null };
      const instructions = str(p, 'custom_instructions');
      if (instructions) data.customInstructions = instructions;
      const session = record(store, ids, p, now, { kind: 'compaction', text: null, data });
      await ctx.onTrigger?.('pre_compaction', session.id);
      return {};
    }
    case 'PostCompact':
      record(store, ids, p, now, {
        kind: 'compaction',
        text: str(p, 'compact_summary') ?? null,
        data: { hook: event, phase: 'post', trigger: str(p, 'trigger') ?? null },
      });
      return {};
    case 'SubagentStart':
      record(store, ids, p, now, {
        kind: 'system',
        text: null,
        data: { hook: event, agentType: str(p, 'agent_type') ?? null },
      });
      return {};
    case 'SubagentStop':
      sweep(store, str(p, 'agent_transcript_path'), SWEEP_LIMIT);
      record(store, ids, p, now, { kind: 'system', text: null, data: { hook: event } }, (s) => {
        if (s.status === 'active')
          store.sessions.update(s.id, {
            status: 'ended',
            endedAt: now,
            endReason: 'subagent_stop',
          });
      });
      return {};
    default:
      return {};
  }
}

type Recorded = Pick<EventInput, 'kind' | 'text' | 'data'>;

/** Appends one hook event to the payload's session and notes the hook as seen, in one transaction. */
function record(
  store: Store,
  ids: HookIds,
  p: Rec,
  now: number,
  event: Recorded,
  then?: (s: Session) => void,
): Session {
  return store.transaction(() => {
    const { session } = sessionForHook(store, ids, p, now);
    store.events.append([
      {
        sessionId: session.id,
        ts: now,
        source: 'hook',
        role: null,
        tool: null,
        ref: null,
        raw: p,
        ...event,
      },
    ]);
    then?.(session);
    store.noteCapture(SOURCE);
    return session;
  });
}

async function sessionStart(
  store: Store,
  p: Rec,
  ids: HookIds,
  ctx: HookContext,
  now: number,
): Promise<HookReply> {
  const source = str(p, 'source') ?? 'startup';
  const meta: JsonObject = { lastStartSource: source };
  const model = str(p, 'model');
  if (model) meta.model = model;
  const session = store.transaction(() => {
    const existed = findSession(store, ids.key) !== null;
    const { session: s } = sessionForHook(store, ids, p, now, { meta });
    if (existed) {
      store.sessions.update(s.id, {
        status: 'active',
        endedAt: null,
        endReason: null,
        meta: { ...s.meta, ...meta },
      });
    } else if (source !== 'startup' && s.parentId === null) {
      // A new id after /clear, --resume, --fork-session or compaction continues the project's
      // most recent session; Claude Code's payload does not name it.
      const previous = previousSession(store, s);
      if (previous) store.sessions.update(s.id, { parentId: previous.id, parentKind: source });
    }
    store.events.append([
      {
        sessionId: s.id,
        ts: now,
        source: 'hook',
        kind: 'system',
        role: null,
        tool: null,
        text: `session start: ${source}`,
        data: { hook: 'SessionStart', source },
        ref: null,
        raw: p,
      },
    ]);
    store.noteCapture(SOURCE);
    return store.sessions.get(s.id)!;
  });
  const previous = previousSession(store, session);
  const previousTranscript = previous?.meta.transcriptPath;
  if (typeof previousTranscript === 'string')
    sweep(store, previousTranscript, SESSION_END_SWEEP_LIMIT);
  return briefReply(store, session, source, ctx);
}

/** The project's most recently active main session other than `s`. */
function previousSession(store: Store, s: Session): Session | null {
  if (s.projectId === null) return null;
  const candidates = store.sessions.list({ projectId: s.projectId, agent: AGENT, limit: 10 });
  return candidates.find((c) => c.id !== s.id && c.parentKind !== 'subagent') ?? null;
}

/** The transcripts of a session's subagents (since 2.1: `<session>/subagents/agent-<id>.jsonl`). */
function subagentTranscripts(path: string | undefined): string[] {
  if (!path?.endsWith('.jsonl')) return [];
  const dir = join(resolve(path.slice(0, -'.jsonl'.length)), 'subagents');
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Imports what a transcript gained since the last read, unless that is more than a hook should take on. */
export function sweep(store: Store, path: string | undefined, limit: number): void {
  if (!path) return;
  const abs = resolve(path);
  let size: number;
  try {
    size = statSync(abs).size;
  } catch {
    return; // Claude Code writes transcripts asynchronously; it may not exist yet.
  }
  const offset = store.getCursor(abs)?.offset ?? 0;
  if (size <= offset || size - offset > limit) return;
  const role = describeTranscriptPath(abs).agentId === null ? 'session' : 'subagent';
  importClaudeTranscript(store, { path: abs, role });
}

/** A plan tool's result seen by PostToolUse: the project's todos follow it at once. */
export async function applyHookPlan(
  ctx: HookContext,
  tool: string,
  p: Rec,
  ids: HookIds,
  sessionId: string,
): Promise<void> {
  const effect = planEffect(tool, p.tool_input, p.tool_response, ids.sessionId);
  const store = ctx.store();
  const projectId = store.sessions.get(sessionId)?.projectId ?? null;
  if (effect === null || projectId === null) return;
  const synced = applyPlanEffect(store, projectId, sessionId, effect);
  if (synced.completed.length) await ctx.onTrigger?.('todo_completed', sessionId);
}

function hasTranscript(path: string | undefined): boolean {
  if (!path) return false;
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}
