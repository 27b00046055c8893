// `system` rows (compaction boundaries, API errors, hook summaries, notices) and the metadata
// records around the conversation (summaries, titles, snapshots, progress, attachments…).
import type { JsonObject } from '../../core/index.js';
import { rec, str } from '../json-fields.js';
import type { Rec } from '../json-fields.js';
import type { ParseSink, RowAt } from './transcript-parser.js';

/** Record types that carry no conversation (docs/agents.md, Claude Code): kept as `system` events. */
export const KNOWN_META_TYPES = new Set([
  'summary',
  'file-history-snapshot',
  'file-history-delta',
  'queue-operation',
  'progress',
  'attachment',
  'permission-mode',
  'last-prompt',
  'custom-title',
  'ai-title',
  'agent-name',
  'mode',
  'pr-link',
  'worktree-state',
]);

const ERROR_SUBTYPES = new Set(['api_error', 'error']);

export function parseSystemRow(sink: ParseSink, r: Rec, at: RowAt): void {
  const subtype = str(r, 'subtype') ?? null;
  const content = str(r, 'content');
  const base = {
    sessionKey: at.sessionKey,
    ts: at.ts,
    role: 'system',
    tool: null,
    ref: at.ref,
    raw: r,
  };
  if (subtype === 'compact_boundary') {
    const meta = rec(r, 'compactMetadata');
    const data: JsonObject = { subtype };
    const trigger = str(meta, 'trigger') ?? str(r, 'trigger');
    if (trigger !== undefined) data.trigger = trigger;
    if (typeof meta?.preTokens === 'number') data.preTokens = meta.preTokens;
    sink.emit({ ...base, kind: 'compaction', text: content ?? 'Conversation compacted', data });
    return;
  }
  if (subtype !== null && ERROR_SUBTYPES.has(subtype)) {
    sink.emit({
      ...base,
      kind: 'error',
      text: content ?? errorMessage(r) ?? subtype,
      data: { subtype },
    });
    return;
  }
  const data: JsonObject = { subtype };
  const level = str(r, 'level');
  if (level !== undefined) data.level = level;
  sink.emit({
    ...base,
    kind: 'system',
    text: content === undefined ? null : stripAnsi(content),
    data,
  });
}

function errorMessage(r: Rec): string | undefined {
  const error = rec(r, 'error');
  return str(error, 'message') ?? str(rec(rec(error, 'error'), 'error'), 'message');
}

/** A metadata record: a `system` event with its type, the text worth searching, its raw form. */
export function parseMetaRow(sink: ParseSink, r: Rec, at: RowAt, type: string): void {
  const data: JsonObject = { type };
  if (!KNOWN_META_TYPES.has(type)) data.unknown = true;
  const attachment = rec(r, 'attachment');
  if (attachment) data.subtype = str(attachment, 'type') ?? null;
  const progress = rec(r, 'data');
  if (type === 'progress' && progress) data.subtype = str(progress, 'type') ?? null;
  sink.emit({
    sessionKey: at.sessionKey,
    ts: at.ts,
    kind: 'system',
    role: null,
    tool: null,
    text: metaText(r, type),
    data,
    ref: at.ref,
    raw: r,
  });
  if (type === 'custom-title' || type === 'ai-title') {
    const title = str(r, type === 'custom-title' ? 'customTitle' : 'aiTitle');
    if (title) sink.title(at.sessionKey, { text: title, rank: type === 'custom-title' ? 5 : 4 });
  }
}

function metaText(r: Rec, type: string): string | null {
  switch (type) {
    case 'summary':
      return str(r, 'summary') ?? null;
    case 'queue-operation':
      return str(r, 'content') ?? null;
    case 'custom-title':
      return str(r, 'customTitle') ?? null;
    case 'ai-title':
      return str(r, 'aiTitle') ?? null;
    case 'pr-link':
      return str(r, 'prUrl') ?? null;
    default:
      return null;
  }
}

// Terminal colour codes that 1.0.x wrote into `system` rows ("Running \u001b[1mPostToolUse…").
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function stripAnsi(s: string): string {
  return s.includes('\u001b') ? s.replace(ANSI, '') : s;
}
