// What the journal's `text` column holds for tool calls and results: a short, searchable line for
// a call (the command, the file, the pattern…) and the result's own text. The complete input
// stays in the event's data and the complete source record in its raw copy, so nothing is lost
// by keeping these readable.
import type { JsonObject, JsonValue } from '../../core/index.js';
import { isRec, str } from './records.js';

/** Result text beyond this many characters is cut; the whole result is kept in the raw record. */
export const MAX_RESULT_TEXT = 32_000;
const MAX_CALL_TEXT = 4_000;

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
  return cut(text, MAX_CALL_TEXT);
}

/** The text of a tool_result block's content: a string, or text blocks (images noted). */
export function resultText(content: JsonValue | undefined): string {
  if (typeof content === 'string') return cut(content, MAX_RESULT_TEXT);
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const block of content) {
    if (!isRec(block)) continue;
    const text = str(block, 'text');
    if (text !== undefined) parts.push(text);
    else if (str(block, 'type') === 'image') parts.push('[image]');
  }
  return cut(parts.join('\n'), MAX_RESULT_TEXT);
}

/** A hook's `tool_response` (structured, tool-specific) as searchable text. */
export function responseText(response: JsonValue | undefined): string {
  if (response === undefined || response === null) return '';
  if (typeof response === 'string') return cut(response, MAX_RESULT_TEXT);
  if (isRec(response)) {
    const direct = str(response, 'stdout') ?? str(response, 'content') ?? str(response, 'output');
    if (direct !== undefined) {
      const err = str(response, 'stderr');
      return cut(err ? `${direct}\n${err}` : direct, MAX_RESULT_TEXT);
    }
    const file = response.file;
    if (isRec(file) && typeof file.content === 'string') return cut(file.content, MAX_RESULT_TEXT);
  }
  return cut(JSON.stringify(response), MAX_RESULT_TEXT);
}

export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}\n…[cut at ${max} characters]` : text;
}

const MAX_INLINE_RESULT = 2_000;

/** A tool's structured result, whole when small; large ones keep their scalar fields (the whole
 * object stays in the raw record). */
export function compactResult(value: JsonValue): JsonValue {
  if (typeof value === 'string')
    return value.length > MAX_INLINE_RESULT ? `${value.slice(0, MAX_INLINE_RESULT)}…` : value;
  const json = JSON.stringify(value);
  if (json.length <= MAX_INLINE_RESULT || !isRec(value))
    return json.length <= MAX_INLINE_RESULT ? value : { truncated: true };
  const out: JsonObject = { truncated: true };
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v;
    else if (typeof v === 'string' && v.length <= 300) out[k] = v;
  }
  return out;
}
