// What the journal's `text` and `data` hold for tool calls and results: a short, searchable line
// for a call (the command, the file, the pattern…), the call's input, and the result's text. Long
// outputs keep their head and their tail (where errors and summaries are) and long input strings
// (a file's whole new content) are cut: the complete source record is kept, compressed, as the
// event's raw copy, so nothing is lost, while the store stays well under the transcripts' size.
import type { JsonObject, JsonValue } from '../../core/index.js';
import { isRec, str } from '../json-fields.js';
import { cutOutput } from '../text-limits.js';

const MAX_CALL_TEXT = 2_000;

// The input fields that say what a call does, in the order they are worth reading.
const TELLING_FIELDS = [
  'command',
  'file_path',
  'notebook_path',
  'path',
  'pattern',
  'url',
  'query',
  'subject',
  'description',
  'prompt',
  'taskId',
  'skill',
  'to',
  'message',
];

export function describeToolCall(name: string, input: JsonValue | undefined): string {
  if (!isRec(input)) return name;
  const parts: string[] = [];
  for (const field of TELLING_FIELDS) {
    const v = str(input, field);
    if (v !== undefined && v !== '') parts.push(v);
    if (parts.length === 2) break;
  }
  if (name === 'TodoWrite' && Array.isArray(input.todos)) {
    parts.push(
      input.todos
        .map((t) => (isRec(t) ? `[${str(t, 'status') ?? '?'}] ${str(t, 'content') ?? ''}` : ''))
        .join('; '),
    );
  }
  const text =
    parts.length > 0 ? `${name}: ${parts.join(' — ')}` : `${name} ${JSON.stringify(input)}`;
  return cutCallText(text);
}

/** The text of a tool_result block's content: a string, or text blocks (images noted). */
export function resultText(content: JsonValue | undefined): string {
  if (typeof content === 'string') return cutOutput(content);
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const block of content) {
    if (!isRec(block)) continue;
    const text = str(block, 'text');
    if (text !== undefined) parts.push(text);
    else if (str(block, 'type') === 'image') parts.push('[image]');
  }
  return cutOutput(parts.join('\n'));
}

/** A hook's `tool_response` (structured, tool-specific) as searchable text. */
export function responseText(response: JsonValue | undefined): string {
  if (response === undefined || response === null) return '';
  if (typeof response === 'string') return cutOutput(response);
  if (isRec(response)) {
    const direct = str(response, 'stdout') ?? str(response, 'content') ?? str(response, 'output');
    if (direct !== undefined) {
      const err = str(response, 'stderr');
      return cutOutput(err ? `${direct}\n${err}` : direct);
    }
    const file = response.file;
    if (isRec(file) && typeof file.content === 'string') return cutOutput(file.content);
  }
  return cutOutput(JSON.stringify(response));
}

/** A call's one-line description: long ones are cut (the call's input is in `data`). */
function cutCallText(text: string): string {
  if (text.length <= MAX_CALL_TEXT) return text;
  return `${text.slice(0, MAX_CALL_TEXT)}\n…[cut at ${MAX_CALL_TEXT} characters]`;
}

const MAX_INLINE_RESULT = 600;

/**
 * Whether `value`'s JSON is surely longer than `limit`: a lower bound of its length (its strings'
 * characters and quotes, keys included; escapes only add) passes it. Stops as soon as it does.
 */
function exceeds(value: JsonValue, limit: number): boolean {
  let total = 0;
  const walk = (v: JsonValue): boolean => {
    if (typeof v === 'string') total += v.length + 2;
    else if (Array.isArray(v)) {
      for (const item of v) if (walk(item)) return true;
    } else if (v !== null && typeof v === 'object') {
      for (const k in v) {
        total += k.length + 3;
        if (walk(v[k]!)) return true;
      }
    } else total += 1;
    return total > limit;
  };
  return walk(value);
}

/** A tool's structured result, whole when small; large ones keep their scalar fields (the whole
 * object stays in the raw record). */
export function compactResult(value: JsonValue): JsonValue {
  if (typeof value === 'string')
    return value.length > MAX_INLINE_RESULT ? `${value.slice(0, MAX_INLINE_RESULT)}…` : value;
  // A large result (a file read whole) is not serialised just to learn that it is large.
  const small =
    !exceeds(value, MAX_INLINE_RESULT) && JSON.stringify(value).length <= MAX_INLINE_RESULT;
  if (small || !isRec(value)) return small ? value : { truncated: true };
  const out: JsonObject = { truncated: true };
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v;
    else if (typeof v === 'string' && v.length <= 300) out[k] = v;
  }
  return out;
}
