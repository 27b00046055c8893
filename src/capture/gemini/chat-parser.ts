// A Gemini CLI chat recording → event drafts (pure: no I/O). Both formats meet here: the JSONL
// stream (a metadata line, MessageRecords, `{"$set":…}` patches, `{"$rewindTo":id}` markers) fed
// line by line, and the legacy single JSON object fed as its metadata and messages (docs/agents.md,
// Gemini CLI). Gemini re-appends a message whenever its tokens or tool calls change, later
// occurrence winning: within a batch the versions are folded into one before drafting; a version
// arriving in a later batch adds only what is new (see laterVersion). A rewound message stays
// recorded, marked rewound, beside a `rewind` event naming it.
import { createHash } from 'node:crypto';
import type { JsonObject } from '../../core/index.js';
import { isRec, list, rec, str, time } from '../json-fields.js';
import { RawBytes } from '../transcripts/raw-bytes.js';
import { countUnknown, emptyCounts, newSighting, seenAt } from '../transcripts/transcript-draft.js';
import type { EventDraft, ParseCounts, SessionSighting } from '../transcripts/transcript-draft.js';
import { recordDraft, rewindDraft } from './chat-records.js';
import { isKnownMessageType, messageDrafts, partsText } from './message-record.js';
import { lineRef, revisionRef, updateRef } from './refs.js';

/** Message versions remembered across batches (re-appends come soon after the first). */
const RECENT = 200;
/** Message ids remembered in order, to know what a rewind drops. */
const ORDER_LIMIT = 5000;

export interface ChatContext {
  /** The session id the file's name implies, for a file without a metadata line. */
  fallbackKey: string;
  /** A subagent chat's parent session id (from `chats/<parent>/`). */
  parentKey: string | null;
  /** The project folder the chat belongs to, when it could be resolved. */
  projectRoot: string | null;
  /** The session id of the chat file at `path`, or null (read by the importer: I/O). */
  sessionOfChat?: (path: string) => string | null;
}

interface Version extends JsonObject {
  /** Hash of what the message says (type, content, thoughts). */
  c: string;
  /** Hash of the whole record. */
  f: string;
}

export interface GeminiParserState extends JsonObject {
  sessionKey: string | null;
  prompts: Record<string, number>;
  recent: Record<string, Version>;
  recentOrder: string[];
  /** Ids of the messages in the conversation now, oldest first. */
  order: string[];
  sighting: JsonObject | null;
  /**
   * Set while the file's first messages are copies of another chat (`gemini --session-file`
   * writes them, ids kept, after an `import-` info message), until the history Gemini resumes
   * from is written (`$set.messages`). With the chat they came from known, they are its messages,
   * not this session's: they are not drafted (the parent's file holds them).
   */
  copying?: boolean;
  copiedFrom?: string | null;
}

function emptyGeminiState(): GeminiParserState {
  return { sessionKey: null, prompts: {}, recent: {}, recentOrder: [], order: [], sighting: null };
}

type Item =
  | { kind: 'message'; record: JsonObject; offset: number }
  | { kind: 'other'; record: JsonObject; offset: number };

const hash = (v: unknown) =>
  createHash('sha1').update(JSON.stringify(v)).digest('hex').slice(0, 12);

export class GeminiChatParser {
  readonly rawBytes = new RawBytes();
  readonly counts: ParseCounts & { reappended: number; patches: number } = {
    ...emptyCounts(),
    reappended: 0,
    patches: 0,
  };
  private items: Item[] = [];
  /** Index in `items` of each message id since the last rewind or history rewrite. */
  private foldable = new Map<string, number>();
  private lineNo: number;
  private current: SessionSighting | null;

  constructor(
    private readonly ctx: ChatContext,
    readonly state: GeminiParserState = emptyGeminiState(),
    firstLine = 1,
  ) {
    this.lineNo = firstLine - 1;
    this.current = state.sighting ? (state.sighting as unknown as SessionSighting) : null;
  }

  get sighting(): SessionSighting {
    if (this.current === null) {
      this.current = newSighting(this.state.sessionKey ?? this.ctx.fallbackKey);
      this.current.cwd = this.ctx.projectRoot;
      if (this.ctx.parentKey)
        [this.current.parentKey, this.current.parentKind] = [this.ctx.parentKey, 'subagent'];
      this.state.sighting = this.current as unknown as JsonObject;
    }
    return this.current;
  }

  /** One JSONL line (without its newline) at byte `offset`. */
  line(text: string, offset: number, bytes?: Buffer): void {
    this.lineNo += 1;
    this.counts.lines += 1;
    if (text.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      this.counts.malformed.push({
        line: this.lineNo,
        reason: 'json',
        message: (error as Error).message,
      });
      return;
    }
    if (!isRec(record)) {
      this.counts.malformed.push({
        line: this.lineNo,
        reason: 'not_object',
        message: 'line is not a JSON object',
      });
      return;
    }
    this.rawBytes.remember(record, bytes);
    this.record(record, offset);
  }

  /** One record: a message, a patch, a rewind or metadata (legacy chats feed these directly). */
  record(record: JsonObject, offset: number): void {
    if (typeof record.id === 'string') return this.message(record, offset);
    if (typeof record.sessionId === 'string' && this.state.sessionKey === null) {
      this.state.sessionKey = record.sessionId;
      this.sighting.key = record.sessionId;
    }
    this.metadata(record);
    if (isRec(record.$set) && Object.keys(record.$set).every((k) => k === 'lastUpdated')) {
      this.counts.patches += 1; // only a time: folded into the session's last activity
      return;
    }
    if (isRec(record.$set) || typeof record.$rewindTo === 'string') this.foldable.clear();
    this.items.push({ kind: 'other', record, offset });
  }

  private message(record: JsonObject, offset: number): void {
    const id = record.id as string;
    const at = this.foldable.get(id);
    if (at !== undefined) {
      // A later version of a message of this batch: it wins, in the first one's place.
      this.items[at] = { kind: 'message', record, offset: this.items[at]!.offset };
      this.counts.reappended += 1;
      return;
    }
    this.foldable.set(id, this.items.length);
    this.items.push({ kind: 'message', record, offset });
  }

  private metadata(record: JsonObject): void {
    const patch = rec(record, '$set') ?? record;
    const s = this.sighting;
    seenAt(s, time(patch, 'startTime'));
    seenAt(s, time(patch, 'lastUpdated'));
    const summary = str(patch, 'summary');
    if (summary) s.title = summary;
    const dirs = list(patch, 'directories');
    if (dirs) s.meta.directories = dirs;
    const kind = str(patch, 'kind');
    if (kind) s.meta.kind = kind;
    const projectHash = str(patch, 'projectHash');
    if (projectHash) s.meta.projectHash = projectHash;
  }

  /** Drafts for everything read since the last call. */
  take(): EventDraft[] {
    const drafts: EventDraft[] = [];
    for (const item of this.items) {
      if (item.kind === 'message') this.draftMessage(item.record, item.offset, drafts);
      else this.draftOther(item.record, item.offset, drafts);
    }
    this.items = [];
    this.foldable.clear();
    return drafts;
  }

  private draftMessage(record: JsonObject, offset: number, out: EventDraft[]): void {
    const id = record.id as string;
    const type = str(record, 'type') ?? '';
    if (!isKnownMessageType(type)) countUnknown(this.counts, `message:${type}`);
    if (this.state.order.length === 0 && type === 'info' && id.startsWith('import-'))
      this.startCopy(record);
    else if (this.state.copying && this.state.copiedFrom) {
      // The parent's message (its time too): remembered, so a rewind or a re-append knows it.
      if (!(id in this.state.recent)) this.state.order.push(id);
      this.remember(id, { c: hash([type, record.content, record.thoughts]), f: hash(record) });
      return;
    }
    const ts = time(record);
    seenAt(this.sighting, ts);
    const s = this.sighting;
    if (type === 'gemini' && typeof record.model === 'string') s.model = record.model;
    const version: Version = { c: hash([type, record.content, record.thoughts]), f: hash(record) };
    const before = this.state.recent[id];
    this.remember(id, version);
    const drafted = messageDrafts(record, {
      sessionKey: s.key,
      ts: ts ?? s.lastTs,
      nextPromptOccurrence: (h) => this.nextPromptOccurrence(h),
    });
    if (before === undefined) {
      const own = !this.state.copying;
      if (own && type === 'user' && drafted.message.kind === 'user_message' && s.title === null)
        s.title = (drafted.message.text ?? '').trim().split('\n', 1)[0]?.slice(0, 120) ?? null;
      this.state.order.push(id);
      if (this.state.order.length > ORDER_LIMIT) this.state.order.shift();
      out.push(drafted.message, ...drafted.tools);
      return;
    }
    this.laterVersion(id, before, version, drafted, out);
  }

  /**
   * A message stored in an earlier batch came again. Its tool calls and results are keyed by their
   * own ids, so they add only what is new; a changed text is kept as a revision of the same kind,
   * anything else (tokens, tool status) as an update, each with the record, so nothing is lost.
   */
  private laterVersion(
    id: string,
    before: Version,
    version: Version,
    drafted: ReturnType<typeof messageDrafts>,
    out: EventDraft[],
  ): void {
    if (before.f === version.f) return;
    const m = drafted.message;
    if (before.c !== version.c && m.kind !== 'user_message') {
      out.push({ ...m, ref: revisionRef(id, version.c), data: { ...m.data, revises: id } });
    } else if (before.c === version.c) {
      out.push({
        ...m,
        kind: 'system',
        text: null,
        ref: updateRef(id, version.f),
        data: { messageId: id, subtype: 'message_update' },
      });
    }
    out.push(...drafted.tools);
  }

  /**
   * `Imported session from <path>`: this session is a fork of that chat's session (linked when its
   * file names one), and the messages up to the next history are its copies.
   */
  private startCopy(record: JsonObject): void {
    this.state.copying = true;
    const from = /^Imported session from (.+)$/.exec(partsText(record.content).trim())?.[1];
    const parent = from ? (this.ctx.sessionOfChat?.(from) ?? null) : null;
    const s = this.sighting;
    if (parent === null || parent === s.key) return;
    this.state.copiedFrom = parent;
    if (s.parentKey === null) [s.parentKey, s.parentKind] = [parent, 'fork'];
  }

  private remember(id: string, version: Version): void {
    if (!(id in this.state.recent)) this.state.recentOrder.push(id);
    this.state.recent[id] = version;
    while (this.state.recentOrder.length > RECENT)
      delete this.state.recent[this.state.recentOrder.shift()!];
  }

  private nextPromptOccurrence(h: string): number {
    const n = this.state.prompts[h] ?? 0;
    this.state.prompts[h] = n + 1;
    return n;
  }

  private draftOther(record: JsonObject, offset: number, out: EventDraft[]): void {
    const base = {
      sessionKey: this.sighting.key,
      ts: this.sighting.lastTs,
      tool: null,
      ref: lineRef(offset),
      raw: record,
    };
    if (typeof record.$rewindTo === 'string') {
      out.push(rewindDraft(record.$rewindTo, this.state.order, base, out));
      return;
    }
    if (isRec(record.$set) && !Array.isArray(record.$set.messages)) this.counts.patches += 1;
    // The history a fork resumes from starts it, as a file's first history does.
    const starts = this.state.order.length === 0 || this.state.copying === true;
    if (isRec(record.$set) && Array.isArray(record.$set.messages)) {
      this.state.copying = false;
      this.state.copiedFrom = null;
    }
    out.push(recordDraft(record, this.state.order, base, starts));
  }
}
