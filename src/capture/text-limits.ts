// How much of a long tool output or input goes into an event's `text` and `data`, for every agent:
// a long output keeps its head and its tail, where errors and summaries are; long input strings (a
// whole new file) are cut. The event's raw copy keeps the complete source record, so nothing is
// lost.
import type { JsonObject, JsonValue } from '../core/index.js';
import { isRec } from './json-fields.js';

const MAX_OUTPUT = 4_000;
const HEAD = 2_000;
const TAIL = 1_500;
const MAX_INPUT_STRING = 1_000;

export function cutOutput(text: string): string {
  if (text.length <= MAX_OUTPUT) return text;
  const dropped = text.length - HEAD - TAIL;
  return `${text.slice(0, HEAD)}\n…[${dropped} characters not shown; the raw record has them]…\n${text.slice(-TAIL)}`;
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
