// What the journal's `text` and `data` hold for tool calls and results: a short, searchable line
// for a call (the command, the file, the pattern…), the call's input, and the result's text. Long
// outputs keep their head and their tail (where errors and summaries are) and long input strings
// (a file's whole new content) are cut: the complete source record is kept, compressed, as the
// event's raw copy, so nothing is lost, while the store stays well under the transcripts' size.
import type { JsonObject, JsonValue } from '../../core/index.js';
import { isRec, str } from './records.js';

/** Result text beyond this many characters keeps its head and tail; the raw record has it all. */
export const MAX_RESULT_TEXT = 4_000;
const RESULT_HEAD = 2_000;
const RESULT_TAIL = 1_500;
const MAX_CALL_TEXT = 2_000;
/** Strings in a call's input (data.input) beyond this are cut; paths and commands stay whole. */
const MAX_INPUT_STRING = 1_000;

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
  if (text.length <= max) return text;
  if (max < MAX_RESULT_TEXT) return `${text.slice(0, max)}\n…[cut at ${max} characters]`;
  const dropped = text.length - RESULT_HEAD - RESULT_TAIL;
  return `${text.slice(0, RESULT_HEAD)}\n…[${dropped} characters not shown; the raw record has them]…\n${text.slice(-RESULT_TAIL)}`;
}

/** A call's input for the event's data: its structure whole, long strings cut. */
export function compactInput(input: JsonValue | undefined): JsonValue {
  if (input === undefined) return null;
  if (typeof input === 'string') {
    return input.length > MAX_INPUT_STRING
      ? `${input.slice(0, MAX_INPUT_STRING)}…[${input.length} characters]`
      : input;
  }
  if (Array.isArray(input)) return input.map(compactInput);
  if (isRec(input)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(input)) out[k] = compactInput(v);
    return out;
  }
  return input;
}

const MAX_INLINE_RESULT = 600;

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
