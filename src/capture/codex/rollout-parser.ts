// A Codex rollout, line by line → event drafts (pure: no I/O). Sniffs the format on the first
// record — the wrapped `{timestamp, type, payload}` envelope, or the pre-wrapper format whose first
// line is `{id, timestamp, instructions, git}` followed by bare response items and
// `{record_type:"state"}` lines (docs/agents.md, Codex CLI). Every complete line becomes exactly
// one event (its raw record kept on it), unknown types included, so nothing is lost; the state that
// spans lines (session, open calls, prompt counts) is plain JSON kept in the import cursor.
import type { JsonObject } from '../../core/index.js';
import { isRec, rec, str, time } from '../json-fields.js';
import { RawBytes } from '../transcripts/raw-bytes.js';
import { countUnknown, emptyCounts, newSighting, seenAt } from '../transcripts/transcript-draft.js';
import type { EventDraft, ParseCounts, SessionSighting } from '../transcripts/transcript-draft.js';
import { parseEventMsg } from './event-msg.js';
import { lineRef } from './refs.js';
import { parseResponseItem } from './response-item.js';
import { draftAt } from './rollout-sink.js';
import type { RolloutSink, RowAt } from './rollout-sink.js';

/** How many closed call ids are remembered, to tell a repeated id from a late output. */
const RECENT_CLOSED = 256;

/** Known top-level types with nothing to extract: kept as `system` events. */
const QUIET_TYPES = new Set([
  'world_state',
  'inter_agent_communication',
  'inter_agent_communication_metadata',
  'token_usage_record',
  'retained_context',
  'security_risk_score',
  'realtime_item',
]);

export interface CodexParserState extends JsonObject {
  format: 'wrapped' | 'legacy' | null;
  sessionKey: string | null;
  /** call_id → tool name, for calls whose output has not been read yet. */
  calls: Record<string, string>;
  closed: string[];
  /** Prompt text hash → occurrences seen so far. */
  prompts: Record<string, number>;
  sighting: JsonObject | null;
}

function emptyCodexState(): CodexParserState {
  return { format: null, sessionKey: null, calls: {}, closed: [], prompts: {}, sighting: null };
}

export class CodexRolloutParser implements RolloutSink {
  readonly counts: ParseCounts = emptyCounts();
  readonly rawBytes = new RawBytes();
  private drafts: EventDraft[] = [];
  private lineNo: number;
  private current: SessionSighting | null;

  /**
   * @param fallbackKey the session id the file name carries, for a rollout without session_meta
   * @param firstLine the 1-based number of the first line this parser will see
   */
  constructor(
    private readonly fallbackKey: string,
    readonly state: CodexParserState = emptyCodexState(),
    firstLine = 1,
  ) {
    this.lineNo = firstLine - 1;
    this.current = state.sighting ? (state.sighting as unknown as SessionSighting) : null;
  }

  get wrapped(): boolean {
    return this.state.format !== 'legacy';
  }

  get sighting(): SessionSighting {
    if (this.current === null) {
      this.current = newSighting(this.state.sessionKey ?? this.fallbackKey);
      this.state.sighting = this.current as unknown as JsonObject;
    }
    return this.current;
  }

  /** The drafts parsed since the last call. */
  take(): EventDraft[] {
    const out = this.drafts;
    this.drafts = [];
    return out;
  }

  emit(draft: EventDraft): void {
    this.drafts.push(draft);
  }

  openCall(callId: string, name: string): boolean {
    if (callId in this.state.calls || this.state.closed.includes(callId)) return false;
    this.state.calls[callId] = name;
    return true;
  }

  closeCall(callId: string): { name: string | null; reused: boolean } {
    if (this.state.closed.includes(callId)) return { name: null, reused: true };
    const name = this.state.calls[callId] ?? null;
    delete this.state.calls[callId];
    this.state.closed.push(callId);
    if (this.state.closed.length > RECENT_CLOSED) this.state.closed.shift();
    return { name, reused: false };
  }

  nextPromptOccurrence(hash: string): number {
    const n = this.state.prompts[hash] ?? 0;
    this.state.prompts[hash] = n + 1;
    return n;
  }

  /** One line of the file (without its newline) at byte `offset`. */
  line(text: string, offset: number, bytes?: Buffer): void {
    this.lineNo += 1;
    this.counts.lines += 1;
    if (text.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      this.malformed('json', (error as Error).message);
      return;
    }
    if (!isRec(record)) {
      this.malformed('not_object', 'line is not a JSON object');
      return;
    }
    this.rawBytes.remember(record, bytes);
    this.state.format ??= 'type' in record && 'payload' in record ? 'wrapped' : 'legacy';
    if (this.state.format === 'wrapped') this.wrappedRecord(record, offset);
    else this.legacyRecord(record, offset);
  }

  private malformed(reason: 'json' | 'not_object', message: string): void {
    this.counts.malformed.push({ line: this.lineNo, reason, message });
  }

  private at(record: JsonObject, offset: number, ts = time(record)): RowAt {
    seenAt(this.sighting, ts);
    return { sessionKey: this.sighting.key, ts, ref: lineRef(offset), raw: record };
  }

  private wrappedRecord(record: JsonObject, offset: number): void {
    const type = str(record, 'type') ?? '';
    const payload = rec(record, 'payload') ?? {};
    if (type === 'session_meta') this.sessionMeta(payload);
    const at = this.at(record, offset);
    switch (type) {
      case 'session_meta':
        return this.emitMeta(payload, at);
      case 'turn_context':
        return this.turnContext(payload, at);
      case 'response_item':
        return parseResponseItem(this, payload, at);
      case 'event_msg':
        return parseEventMsg(this, payload, at);
      case 'compacted': {
        const history = payload.replacement_history;
        const data: JsonObject = { subtype: 'compacted' };
        if (Array.isArray(history)) data.replacementItems = history.length;
        const text = str(payload, 'message');
        this.emit(draftAt(at, 'compaction', null, text || 'Conversation compacted', data));
        return;
      }
      default:
        if (!QUIET_TYPES.has(type)) countUnknown(this.counts, type || '(no type)');
        this.emit(draftAt(at, 'system', null, null, { subtype: type || 'unknown' }));
    }
  }

  private legacyRecord(record: JsonObject, offset: number): void {
    if (this.lineNo === 1 && !('type' in record) && 'id' in record) {
      this.sessionMeta(record);
      return this.emitMeta(record, this.at(record, offset));
    }
    const at = this.at(record, offset);
    if (str(record, 'record_type') === 'state') {
      this.emit(draftAt(at, 'system', null, null, { subtype: 'state' }));
      return;
    }
    parseResponseItem(this, record, at);
  }

  /** The first session_meta names the session; later ones (a fork's history) are only recorded. */
  private sessionMeta(p: JsonObject): void {
    const id = str(p, 'id') ?? str(p, 'session_id');
    if (this.state.sessionKey !== null || id === undefined) return;
    this.state.sessionKey = id;
    const s = this.sighting;
    s.key = id;
    s.cwd = str(p, 'cwd') ?? s.cwd;
    const git = rec(p, 'git');
    s.gitBranch = str(git, 'branch') ?? s.gitBranch;
    s.gitCommit = str(git, 'commit_hash') ?? s.gitCommit;
    const forked = str(p, 'forked_from_id');
    const parent = str(p, 'parent_thread_id');
    if (forked) [s.parentKey, s.parentKind] = [forked, 'fork'];
    else if (parent) [s.parentKey, s.parentKind] = [parent, 'subagent'];
    for (const [key, field] of [
      ['cliVersion', 'cli_version'],
      ['originator', 'originator'],
      ['source', 'source'],
      ['modelProvider', 'model_provider'],
    ] as const) {
      const v = p[field];
      if (typeof v === 'string') s.meta[key] = v;
    }
    const url = str(git, 'repository_url');
    if (url) s.meta.repositoryUrl = url;
  }

  private emitMeta(p: JsonObject, at: RowAt): void {
    const id = str(p, 'id') ?? str(p, 'session_id') ?? null;
    const data: JsonObject = { subtype: 'session_meta', id };
    if (id !== null && id !== this.sighting.key) data.otherSession = true;
    for (const field of ['cwd', 'cli_version', 'originator', 'source', 'forked_from_id']) {
      const v = p[field];
      if (typeof v === 'string') data[field] = v;
    }
    const git = rec(p, 'git');
    if (git) data.git = git;
    const label = [str(p, 'originator'), str(p, 'cli_version')].filter(Boolean).join(' ');
    this.emit(
      draftAt(at, 'system', null, `Codex session ${id ?? '?'}${label ? ` (${label})` : ''}`, data),
    );
  }

  private turnContext(p: JsonObject, at: RowAt): void {
    const s = this.sighting;
    const model = str(p, 'model');
    if (model) s.model = model;
    s.cwd ??= str(p, 'cwd') ?? null;
    const data: JsonObject = { subtype: 'turn_context' };
    if (model) data.model = model;
    const cwd = str(p, 'cwd');
    if (cwd) data.cwd = cwd;
    const approval = str(p, 'approval_policy');
    if (approval) data.approvalPolicy = approval;
    const sandbox = rec(p, 'sandbox_policy');
    const mode = str(sandbox, 'type') ?? str(sandbox, 'mode');
    if (mode) data.sandbox = mode;
    const effort = str(p, 'effort');
    if (effort) data.effort = effort;
    const turnId = str(p, 'turn_id');
    if (turnId) data.turnId = turnId;
    this.emit(draftAt(at, 'system', null, null, data));
  }
}
