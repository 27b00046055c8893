// The legacy Gemini CLI chat file (v0.2 → v0.38): one pretty-printed JSON object, rewritten whole
// on every update — `{sessionId, projectHash, startTime, lastUpdated, messages[], summary?, kind?,
// directories?}` (docs/agents.md, Gemini CLI). Split into the records the chat parser takes, so
// both formats draft the same events with the same refs.
import type { JsonObject } from '../../core/index.js';
import { isRec } from '../json-fields.js';

export type LegacyChat =
  { ok: true; metadata: JsonObject; messages: JsonObject[] } | { ok: false; message: string };

export function splitLegacyChat(text: string): LegacyChat {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (!isRec(parsed) || typeof parsed.sessionId !== 'string') {
    return { ok: false, message: 'not a Gemini chat object (no sessionId)' };
  }
  const { messages, ...metadata } = parsed;
  return {
    ok: true,
    metadata,
    messages: Array.isArray(messages) ? messages.filter((m): m is JsonObject => isRec(m)) : [],
  };
}
