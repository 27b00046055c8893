// The Gemini chat records that are not messages, as drafts: a `$rewindTo` marker (the rewound
// messages stay recorded, marked, and the rewind names them), a history rewrite (`$set.messages`,
// written on compression or masking: kept once, as compaction, with the text of messages it adds,
// such as a summary; a file's first one only starts its history), other `$set` patches, and the
// metadata line.
import type { JsonObject } from '../../core/index.js';
import { isRec, rec, str } from '../json-fields.js';
import type { EventDraft } from '../transcripts/transcript-draft.js';
import { partsText } from './message-record.js';

type Base = Omit<EventDraft, 'kind' | 'role' | 'text' | 'data'>;

/**
 * Gemini drops the target and every later message (all of them when the target is unknown);
 * `order` loses them too, and drafts of this batch naming them are marked rewound.
 */
export function rewindDraft(
  target: string,
  order: string[],
  base: Base,
  drafted: EventDraft[],
): EventDraft {
  const at = order.indexOf(target);
  const rewound = at < 0 ? order.splice(0) : order.splice(at);
  const ids = new Set(rewound);
  for (const d of drafted) {
    const messageId = d.data?.messageId;
    if (typeof messageId === 'string' && ids.has(messageId)) d.data = { ...d.data, rewound: true };
  }
  return {
    ...base,
    kind: 'system',
    role: null,
    text: `rewound ${rewound.length} message(s)`,
    data: { subtype: 'rewind', target, rewound, targetFound: at >= 0 },
  };
}

export function recordDraft(
  record: JsonObject,
  order: readonly string[],
  base: Base,
  startsHistory = order.length === 0,
): EventDraft {
  const patch = rec(record, '$set');
  if (patch && Array.isArray(patch.messages)) {
    const known = new Set(order);
    const fresh = patch.messages.filter(
      (m) => isRec(m) && typeof m.id === 'string' && !known.has(m.id),
    );
    const text = fresh
      .map((m) => partsText((m as JsonObject).content))
      .filter(Boolean)
      .join('\n\n');
    // The first history a chat file gets is where it starts (Gemini's session context, or the
    // conversation a resume or an imported session carries over), not a compression of anything.
    const first = startsHistory;
    return {
      ...base,
      kind: first ? 'system' : 'compaction',
      role: null,
      text: text || (first ? null : 'History rewritten'),
      data: {
        subtype: first ? 'history_start' : 'history_rewrite',
        messages: patch.messages.length,
        newMessages: fresh.length,
      },
    };
  }
  if (patch) {
    return {
      ...base,
      kind: 'system',
      role: null,
      text: str(patch, 'summary') ?? null,
      data: { subtype: 'metadata', keys: Object.keys(patch) },
    };
  }
  return {
    ...base,
    kind: 'system',
    role: null,
    text: null,
    data: {
      subtype: 'chat_metadata',
      sessionId: str(record, 'sessionId') ?? null,
      kind: str(record, 'kind') ?? null,
    },
  };
}
