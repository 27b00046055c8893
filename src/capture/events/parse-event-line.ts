// Pure: one line of Events JSONL v1 → a validated record, or an error that names the line and the
// field that is wrong.
import { createHash } from 'node:crypto';
import { eventLineV1 } from '../../schemas/index.js';
import type { EventLineV1 } from '../../schemas/index.js';

export type LineResult =
  | { ok: true; line: EventLineV1; ref: string }
  | { ok: false; reason: 'json' | 'schema'; message: string }
  | { ok: false; reason: 'blank'; message: '' };

export function parseEventLine(text: string): LineResult {
  if (text.trim() === '') return { ok: false, reason: 'blank', message: '' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'json', message: `not JSON: ${(error as Error).message}` };
  }
  const parsed = eventLineV1.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length ? issue.path.join('.') : '(line)';
    const keys = 'keys' in issue && Array.isArray(issue.keys) ? `: ${issue.keys.join(', ')}` : '';
    return { ok: false, reason: 'schema', message: `field "${field}": ${issue.message}${keys}` };
  }
  // A line without a ref gets one from its content, so importing it twice still adds nothing.
  const ref =
    parsed.data.ref ??
    `sha256:${createHash('sha256').update(text.trim()).digest('hex').slice(0, 32)}`;
  return { ok: true, line: parsed.data, ref };
}
