// Pure: one line of Events JSONL v1 → a validated record, or an error that names the line and the
// field that is wrong.
import { createHash } from 'node:crypto';
import { EVENT_KINDS } from '../../core/index.js';
import { EVENT_LINE_FIELDS } from '../../wire/index.js';
import type { EventLineV1, eventLineV1 } from '../../schemas/index.js';

/** The zod schema of a line, passed in: it is loaded only when an import runs (zod is large). */
export type EventLineSchema = typeof eventLineV1;

export type LineResult =
  | { ok: true; line: EventLineV1; ref: string }
  | { ok: false; reason: 'json' | 'schema'; message: string }
  | { ok: false; reason: 'blank'; message: '' }
  | RecordResult;

/** A record line (`{"record":"todo",…}`, record-lines.ts): not an event, judged by its own rules. */
export type RecordResult = { ok: false; reason: 'record'; value: Record<string, unknown> };

/** A line the hand-written check could not vouch for: the schema must judge it. */
export type PlainLineResult = LineResult | { ok: false; reason: 'unsure'; value: unknown };

/**
 * parseEventLine without the schema: what it decides for the common case, and 'unsure' where only
 * the schema can tell (so a thread that does not load zod can still do most of the work).
 */
export function parsePlainEventLine(text: string): PlainLineResult {
  if (text.trim() === '') return { ok: false, reason: 'blank', message: '' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'json', message: `not JSON: ${(error as Error).message}` };
  }
  if (isPlainValidLine(value)) return { ok: true, line: value, ref: value.ref ?? contentRef(text) };
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'record' in value) {
    return { ok: false, reason: 'record', value: value };
  }
  return { ok: false, reason: 'unsure', value };
}

export function parseEventLine(text: string, schema: EventLineSchema): LineResult {
  const plain = parsePlainEventLine(text);
  if (plain.ok || plain.reason !== 'unsure') return plain;
  const parsed = schema.safeParse(plain.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length ? issue.path.join('.') : '(line)';
    const keys = 'keys' in issue && Array.isArray(issue.keys) ? `: ${issue.keys.join(', ')}` : '';
    return { ok: false, reason: 'schema', message: `field "${field}": ${issue.message}${keys}` };
  }
  return { ok: true, line: parsed.data, ref: parsed.data.ref ?? contentRef(text) };
}

/** A line without a ref gets one from its content, so importing it twice still adds nothing. */
function contentRef(text: string): string {
  return `sha256:${createHash('sha256').update(text.trim()).digest('hex').slice(0, 32)}`;
}

const KINDS: ReadonlySet<string> = new Set(EVENT_KINDS);
const FIELDS: ReadonlySet<string> = new Set(EVENT_LINE_FIELDS);
const STRICT_TS =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;

/**
 * The common case checked by hand, because zod per line cost as much as the JSON parse: it
 * accepts only lines the schema surely accepts (days up to 28, so no calendar question), and
 * leaves everything else to zod, which also words the error.
 */
function isPlainValidLine(v: unknown): v is EventLineV1 {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  for (const k in o) if (!FIELDS.has(k)) return false;
  return (
    nonEmpty(o.session) &&
    typeof o.ts === 'string' &&
    STRICT_TS.test(o.ts) &&
    typeof o.kind === 'string' &&
    KINDS.has(o.kind) &&
    (o.agent === undefined || nonEmpty(o.agent)) &&
    (o.project === undefined || nonEmpty(o.project)) &&
    (o.ref === undefined || nonEmpty(o.ref)) &&
    optionalString(o.role) &&
    optionalString(o.text) &&
    optionalString(o.tool) &&
    optionalString(o.title) &&
    (o.data === undefined ||
      (o.data !== null && typeof o.data === 'object' && !Array.isArray(o.data)))
  );
}
