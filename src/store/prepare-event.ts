// What the store does to an event before it writes it, as a pure step: redaction (secrets never reach the disk) and
// the text the full-text index gets (./fts-text.ts). It needs no connection, so a bulk import can
// run it on another thread (capture/events) while the store's own thread only inserts; the store
// runs the very same function for every ordinary append, so there is one way in, not two.
import { createRedactor } from '../core/index.js';
import type { EventKind, EventSource, Redactor } from '../core/index.js';
import { ftsBody, ftsFiles } from './fts-text.js';
import { packText } from './text-codec.js';
import type { EventInput } from './store.js';

/** An event redacted and ready to insert: stored columns plus what the index gets. */
export interface PreparedEvent {
  sessionId: string;
  /** null: the time of the write. */
  ts: number | null;
  kind: EventKind;
  role: string | null;
  tool: string | null;
  /** Redacted. */
  text: string | null;
  /** Redacted, as stored (JSON text). */
  data: string | null;
  source: EventSource;
  ref: string | null;
  /** The index's `body` and `files` columns (see ./fts-text.ts). */
  ftsBody: string;
  ftsFiles: string;
  /** text and data as the events table holds them: long ones compressed (./text-codec.ts). */
  storedText: string | Uint8Array | null;
  storedData: string | Uint8Array | null;
}

/** What a thread needs to prepare events the way a store would: plain data, sendable anywhere. */
export interface EventPreparation {
  redactionKey: string;
}

/** Raw records are not prepared here: they are packed at write time (see sqlite-raw-blocks.ts). */
export type PreparableEvent = Omit<EventInput, 'raw'>;

/**
 * `pack` false: `storedText` and `storedData` are left null for packStored to fill later, on
 * another thread (a bulk import balances its two threads so; nothing is sent twice meanwhile).
 */
export function prepareEvent(
  redactor: Redactor,
  input: PreparableEvent,
  pack = true,
): PreparedEvent {
  const text = input.text === null || input.text === undefined ? null : redactor.text(input.text);
  const data = input.data ? redactor.json(input.data) : null;
  const dataText = data === null ? null : JSON.stringify(data);
  return {
    sessionId: input.sessionId,
    ts: input.ts ?? null,
    kind: input.kind,
    role: input.role ?? null,
    tool: input.tool ?? null,
    text,
    data: dataText,
    source: input.source,
    ref: input.ref ?? null,
    ftsBody: text ? ftsBody(text) : '',
    ftsFiles: data ? ftsFiles(data) : '',
    storedText: pack ? packText(text) : null,
    storedData: pack ? packText(dataText) : null,
  };
}

/** The stored text and data of an event prepared with `pack` false, as prepareEvent makes them. */
export function packStored(e: PreparedEvent): void {
  e.storedText = packText(e.text);
  e.storedData = packText(e.data);
}

/** prepareEvent with the redactor a store of this preparation uses (same key, same output). */
export function createEventPreparer(
  preparation: EventPreparation,
): (input: PreparableEvent, pack?: boolean) => PreparedEvent {
  const redactor = createRedactor(preparation.redactionKey);
  return (input, pack) => prepareEvent(redactor, input, pack);
}
