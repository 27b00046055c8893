// createPreparers shares one redactor between a record and its event (the redactor remembers long
// texts it has scanned): what each stores must be what separate redactors would store.
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../core/index.js';
import type { JsonObject } from '../core/index.js';
import { createEventPreparer } from './prepare-event.js';
import { createPreparers, redactRawWith } from './prepare-raw.js';

const preparation = { redactionKey: 'k'.repeat(32) };
// Built at run time, so no key-shaped literal sits in the source.
const key = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');

describe('createPreparers', () => {
  it('stores the same record and event as two preparers of the same key', () => {
    const output = `${'line of build output\n'.repeat(20)}AWS_ACCESS_KEY_ID=${key}\n`;
    const record = {
      type: 'user',
      message: { content: [{ type: 'tool_result', content: output }] },
      toolUseResult: { stdout: output },
    };
    const bytes = Buffer.from(JSON.stringify(record));
    const input = {
      sessionId: 'S',
      kind: 'tool_result' as const,
      text: output,
      data: { stdout: output },
      source: 'transcript' as const,
    };

    const shared = createPreparers(preparation);
    const sharedRaw = shared.raw(record, bytes);
    const sharedEvent = shared.event(input);
    const eventAlone = createEventPreparer(preparation)(input);

    const alone = redactRawWith(createRedactor(preparation.redactionKey), record, bytes);
    expect(sharedRaw.equals(alone)).toBe(true);
    expect(sharedEvent).toEqual(eventAlone);
    expect(sharedRaw.toString()).not.toContain(key);
    expect(sharedEvent.text).not.toContain(key);
    expect(sharedEvent.text).toMatch(/\[REDACTED:[a-z_]+:[0-9a-f]{8}\]/);
  });

  it('keeps a record redaction leaves as it was byte for byte', () => {
    const text = '{"type":"user",  "message":{"content":"hello"}}';
    const raw = createPreparers(preparation).raw(JSON.parse(text) as JsonObject, Buffer.from(text));
    expect(raw.toString()).toBe(text);
  });
});
