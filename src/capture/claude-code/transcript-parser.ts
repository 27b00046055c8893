// Pure: Claude Code transcript lines → event drafts, session sightings and per-line problems.
// One parser reads one run over one file (a whole file, or what was appended since the last run,
// continuing from a saved ParserState). Record types are listed in docs/agents.md; a type this
// code does not know is kept as a `system` event with its raw record, and counted.
import type { JsonObject, JsonValue } from '../../core/index.js';
import type { TranscriptLineProblem } from '../adapter.js';
import { newSighting } from '../transcripts/transcript-draft.js';
import type { EventDraft, SessionSighting } from '../transcripts/transcript-draft.js';
import type { PlanCall } from './plan-effects.js';
import { parseAssistantRow } from './parse-assistant.js';
import type { OpenMessage } from './parse-assistant.js';
import { parseSystemRow, parseMetaRow, KNOWN_META_TYPES } from './parse-other.js';
import { parseUserRow } from './parse-user.js';
import { lineRef, subagentSessionKey, uuidRef } from './refs.js';
import { isRec, str, time } from '../json-fields.js';
import { RawBytes } from '../transcripts/raw-bytes.js';
import type { Rec } from '../json-fields.js';

/** A Claude Code event draft: its plan is the plan tool's call, read into todos once it is new. */
export type ClaudeDraft = EventDraft<PlanCall>;

export interface TitleCandidate {
  text: string;
  /** Higher wins: custom-title 5, ai-title 4, summary / subagent description 3, first prompt 1. */
  rank: number;
}

/** What the path of a transcript says about it. */
export interface FileContext {
  /** Distinguishes line refs of records without a uuid: the file name without `.jsonl`. */
  fileKey: string;
  /** The session the file belongs to: the file name, or the folder above `subagents/`. */
  sessionId: string | null;
  /** For `agent-<id>.jsonl`, the subagent's id. */
  agentId: string | null;
  /** A subagent's sidecar `agent-<id>.meta.json` ({agentType, description, worktreePath}). */
  subagentMeta: JsonObject | null;
}

/** Carried between runs over the same file (kept in the import cursor). */
export interface ParserState extends JsonObject {
  lastTs: number | null;
  /** Per session key, how many times each prompt text (by hash) was seen. */
  prompts: { [sessionKey: string]: { [hash: string]: number } };
  /** The assistant message being written when the last run ended. */
  openMessage: string | null;
}

export const emptyParserState = (): ParserState => ({
  lastTs: null,
  prompts: {},
  openMessage: null,
});

/** Where one record sits and whom it belongs to; handed to the per-type parsers. */
export interface RowAt {
  offset: number;
  ts: number | undefined;
  sessionKey: string;
  /** Claude Code's session id (the parent's, for a subagent's rows). */
  claudeSessionId: string;
  /** The ref of the record as a whole. */
  ref: string;
}

/** What the per-type parsers write into. */
export interface ParseSink {
  emit(draft: ClaudeDraft): void;
  title(sessionKey: string, candidate: TitleCandidate): void;
  nextPromptOccurrence(sessionKey: string, hash: string): number;
  readonly calls: Map<string, { name: string; input: JsonValue | undefined }>;
  open: OpenMessage | null;
  resumedMessage: string | null;
  seenUuids: Set<string>;
}

export class TranscriptParser implements ParseSink {
  readonly sessions = new Map<string, SessionSighting>();
  readonly malformed: TranscriptLineProblem[] = [];
  readonly unknownTypes: Record<string, number> = {};
  readonly calls = new Map<string, { name: string; input: JsonValue | undefined }>();
  open: OpenMessage | null = null;
  resumedMessage: string | null;
  seenUuids = new Set<string>();
  lines = 0;
  private drafts: ClaudeDraft[] = [];
  /** Each record's bytes as read, so the store can keep them as they are. */
  readonly rawBytes: RawBytes;
  private summaries: { sessionKey: string; leafUuid: string; text: string }[] = [];

  constructor(
    private readonly file: FileContext,
    private readonly state: ParserState,
    private readonly firstLineNo = 1,
    /** Whether the line bytes handed in must be copied to be kept (see RawBytes). */
    copyBytes = true,
  ) {
    this.rawBytes = new RawBytes(copyBytes);
    this.resumedMessage = state.openMessage;
  }

  // Rows of one assistant message can be interleaved with its tool results, so only another
  // assistant message closes the open one.

  /** One line of the file (without its newline), at byte `offset`, with its bytes if known. */
  line(text: string, offset: number, bytes?: Buffer): void {
    const lineNo = this.firstLineNo + this.lines;
    this.lines += 1;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.malformed.push({ line: lineNo, reason: 'json', message: (error as Error).message });
      return;
    }
    if (!isRec(value)) {
      this.malformed.push({ line: lineNo, reason: 'not_object', message: 'not a JSON object' });
      return;
    }
    const type = str(value, 'type');
    if (type === undefined) {
      this.malformed.push({ line: lineNo, reason: 'no_type', message: 'no "type" field' });
      return;
    }
    this.rawBytes.remember(value, bytes);
    this.record(value, type, offset);
  }

  private record(r: Rec, type: string, offset: number): void {
    const at = this.locate(r, offset);
    const uuid = str(r, 'uuid');
    if (uuid !== undefined) this.seenUuids.add(uuid);
    switch (type) {
      case 'user':
        return parseUserRow(this, r, at);
      case 'assistant':
        return parseAssistantRow(this, r, at);
      case 'system':
        return parseSystemRow(this, r, at);
      case 'summary': {
        const text = str(r, 'summary') ?? '';
        const leafUuid = str(r, 'leafUuid');
        if (leafUuid !== undefined)
          this.summaries.push({ sessionKey: at.sessionKey, leafUuid, text });
        return parseMetaRow(this, r, at, type);
      }
      default:
        if (!KNOWN_META_TYPES.has(type))
          this.unknownTypes[type] = (this.unknownTypes[type] ?? 0) + 1;
        return parseMetaRow(this, r, at, type);
    }
  }

  private locate(r: Rec, offset: number): RowAt {
    const claudeSessionId = str(r, 'sessionId') ?? this.file.sessionId ?? this.file.fileKey;
    const agentId = str(r, 'agentId') ?? this.file.agentId;
    const sessionKey =
      agentId !== null && agentId !== undefined
        ? subagentSessionKey(claudeSessionId, agentId)
        : claudeSessionId;
    const ts = time(r);
    if (ts !== undefined) this.state.lastTs = ts;
    this.sight(sessionKey, claudeSessionId, agentId ?? null, r, ts);
    const uuid = str(r, 'uuid');
    return {
      offset,
      ts,
      sessionKey,
      claudeSessionId,
      ref: uuid !== undefined ? uuidRef(uuid) : lineRef(this.file.fileKey, offset),
    };
  }

  private sight(
    key: string,
    parent: string,
    agentId: string | null,
    r: Rec,
    ts: number | undefined,
  ) {
    let s = this.sessions.get(key);
    if (s === undefined) {
      s = newSighting(key);
      if (agentId !== null) {
        [s.parentKey, s.parentKind] = [parent, 'subagent'];
        s.meta.agentId = agentId;
        if (agentId === this.file.agentId && this.file.subagentMeta) {
          Object.assign(s.meta, this.file.subagentMeta);
          const description = str(this.file.subagentMeta, 'description');
          if (description) [s.title, s.titleRank] = [description, 3];
        }
      }
      this.sessions.set(key, s);
    }
    s.cwd ??= str(r, 'cwd') ?? null;
    s.gitBranch ??= str(r, 'gitBranch') || null;
    const version = str(r, 'version');
    if (version !== undefined) s.meta.version = version;
    if (ts !== undefined) {
      s.firstTs ??= ts;
      s.lastTs = Math.max(s.lastTs ?? ts, ts);
    }
  }

  emit(draft: ClaudeDraft): void {
    this.drafts.push(draft);
  }

  title(sessionKey: string, candidate: TitleCandidate): void {
    const s = this.sessions.get(sessionKey);
    if (s && (s.title === null || candidate.rank > (s.titleRank ?? 0)))
      [s.title, s.titleRank] = [candidate.text, candidate.rank];
  }

  nextPromptOccurrence(sessionKey: string, hash: string): number {
    const counts = (this.state.prompts[sessionKey] ??= {});
    const n = counts[hash] ?? 0;
    counts[hash] = n + 1;
    return n;
  }

  /**
   * Hands over the drafts so far, with missing timestamps filled from the next record that has
   * one (or the last seen). An assistant message still open becomes final: rows of it that come
   * later form a continuation event rather than being lost.
   */
  take(): ClaudeDraft[] {
    const out = this.drafts;
    this.drafts = [];
    let next = this.state.lastTs ?? undefined;
    for (let i = out.length - 1; i >= 0; i--) {
      const d = out[i]!;
      if (d.ts === undefined) d.ts = next;
      else next = d.ts;
      if (Array.isArray(d.raw) && d.kind === 'assistant_message' && d.raw.length === 1)
        d.raw = d.raw[0]!;
    }
    if (this.open) this.open.taken = true;
    this.state.openMessage = this.open?.messageId ?? null;
    return out;
  }

  /** Ends the run: summary titles that name a record of this file are trusted (a known bug
   * writes other sessions' summaries into a file). Returns the state for the next run. */
  finish(): ParserState {
    for (const s of this.summaries) {
      if (this.seenUuids.has(s.leafUuid)) this.title(s.sessionKey, { text: s.text, rank: 3 });
    }
    this.state.openMessage = this.open?.messageId ?? null;
    return this.state;
  }
}
