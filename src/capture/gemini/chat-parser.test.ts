// Pins the Gemini chat parser on small hand-written chats: re-appended messages folded (later
// wins) within a batch and kept as an update or revision across batches, a rewind keeping the
// rewound messages marked, a history rewrite (`$set.messages`) recorded once as compaction, and
// the legacy single-object format drafting the same refs as JSONL.
import { describe, expect, it } from 'vitest';
import { GeminiChatParser } from './chat-parser.js';
import type { GeminiParserState } from './chat-parser.js';
import { splitLegacyChat } from './legacy-chat.js';

const ctx = { fallbackKey: 'fb', parentKey: null, projectRoot: '/w/app' };
const header = {
  sessionId: 's1',
  projectHash: 'h',
  startTime: '2026-01-01T00:00:00Z',
  lastUpdated: '2026-01-01T00:00:00Z',
  kind: 'main',
};

function feed(p: GeminiChatParser, records: unknown[], start = 0): number {
  let offset = start;
  for (const r of records) {
    const text = JSON.stringify(r);
    p.line(text, offset);
    offset += Buffer.byteLength(text) + 1;
  }
  return offset;
}

describe('GeminiChatParser', () => {
  it('folds re-appended messages within a batch: one event, the later version', () => {
    const p = new GeminiChatParser(ctx);
    feed(p, [
      header,
      { id: 'g1', type: 'gemini', content: 'draft', timestamp: '2026-01-01T00:00:01Z' },
      { $set: { lastUpdated: '2026-01-01T00:00:01Z' } },
      {
        id: 'g1',
        type: 'gemini',
        content: 'final',
        tokens: { total: 3 },
        timestamp: '2026-01-01T00:00:01Z',
      },
    ]);
    const d = p.take();
    expect(d.map((x) => [x.kind, x.text])).toEqual([
      ['system', null],
      ['assistant_message', 'final'],
    ]);
    expect(p.counts.reappended).toBe(1);
    expect(p.counts.patches).toBe(1);
  });

  it('across batches adds a revision for changed text, an update for the rest, never a copy', () => {
    const p = new GeminiChatParser(ctx);
    const end = feed(p, [
      header,
      {
        id: 'g1',
        type: 'gemini',
        content: 'draft',
        toolCalls: [{ id: 't1', name: 'read_file', args: { file_path: 'a' }, status: 'executing' }],
      },
    ]);
    expect(p.take().map((x) => x.ref)).toEqual(['line:0', 'msg:g1', 'call:t1']);
    const next = new GeminiChatParser(
      ctx,
      JSON.parse(JSON.stringify(p.state)) as GeminiParserState,
      3,
    );
    feed(
      next,
      [
        {
          id: 'g1',
          type: 'gemini',
          content: 'draft',
          tokens: { total: 9 },
          toolCalls: [
            {
              id: 't1',
              name: 'read_file',
              args: { file_path: 'a' },
              status: 'success',
              result: [
                { functionResponse: { id: 't1', name: 'read_file', response: { output: 'A' } } },
              ],
            },
          ],
        },
        {
          id: 'g1',
          type: 'gemini',
          content: 'draft',
          tokens: { total: 9 },
          toolCalls: [
            {
              id: 't1',
              name: 'read_file',
              args: { file_path: 'a' },
              status: 'success',
              result: [
                { functionResponse: { id: 't1', name: 'read_file', response: { output: 'A' } } },
              ],
            },
          ],
        },
      ],
      end,
    );
    const d = next.take();
    expect(d.map((x) => [x.kind, x.ref.replace(/:[0-9a-f]{12}$/, ':#')])).toEqual([
      ['system', 'msg:g1:upd:#'],
      ['tool_call', 'call:t1'],
      ['tool_result', 'result:t1'],
    ]);
    const third = new GeminiChatParser(
      ctx,
      JSON.parse(JSON.stringify(next.state)) as GeminiParserState,
      5,
    );
    feed(third, [{ id: 'g1', type: 'gemini', content: 'final words' }], 5000);
    expect(third.take()[0]).toMatchObject({
      kind: 'assistant_message',
      text: 'final words',
      data: { revises: 'g1' },
    });
  });

  it('takes a prompt as typed (displayContent) over what Gemini expanded into content', () => {
    const p = new GeminiChatParser(ctx);
    feed(p, [
      header,
      {
        id: 'u1',
        type: 'user',
        content: [{ text: 'explain @a.ts' }, { text: '--- a.ts ---\nexport const a = 1;' }],
        displayContent: [{ text: 'explain @a.ts' }],
      },
    ]);
    expect(p.take().find((x) => x.kind === 'user_message')!.text).toBe('explain @a.ts');
  });

  it('keeps rewound messages, marked, and names them in a rewind event', () => {
    const p = new GeminiChatParser(ctx);
    feed(p, [
      header,
      { id: 'u1', type: 'user', content: [{ text: 'one' }] },
      { id: 'g1', type: 'gemini', content: 'reply one' },
      { id: 'u2', type: 'user', content: [{ text: 'two' }] },
      { $rewindTo: 'u2' },
      { id: 'u3', type: 'user', content: [{ text: 'three' }] },
    ]);
    const d = p.take();
    const u2 = d.find((x) => x.text === 'two')!;
    expect(u2.data?.rewound).toBe(true);
    expect(d.find((x) => x.text === 'one')!.data?.rewound).toBeUndefined();
    expect(d.find((x) => x.data?.subtype === 'rewind')!.data).toMatchObject({
      target: 'u2',
      rewound: ['u2'],
      targetFound: true,
    });
    expect(p.state.order).toEqual(['u1', 'g1', 'u3']);
  });

  it('records a history rewrite once, as compaction with the new (summary) text', () => {
    const p = new GeminiChatParser(ctx);
    feed(p, [
      header,
      { id: 'u1', type: 'user', content: 'old prompt' },
      {
        $set: {
          messages: [
            {
              id: 'sum',
              type: 'user',
              content: [{ text: '<state_snapshot>done so far</state_snapshot>' }],
            },
          ],
          lastUpdated: 'x',
        },
      },
      { $set: { summary: 'Refactor the loader' } },
    ]);
    const d = p.take();
    expect(d.filter((x) => x.kind === 'compaction').map((x) => x.text)).toEqual([
      '<state_snapshot>done so far</state_snapshot>',
    ]);
    expect(d.filter((x) => x.kind === 'user_message')).toHaveLength(1);
    expect(p.sighting.title).toBe('Refactor the loader');
  });

  it('drafts the same refs from a legacy JSON chat as from its JSONL migration', () => {
    const messages = [
      { id: 'u1', type: 'user', content: 'hello', timestamp: '2026-01-01T00:00:01Z' },
      {
        id: 'g1',
        type: 'gemini',
        content: 'hi',
        thoughts: [{ subject: 'Greeting', description: 'say hi' }],
        model: 'gemini-2.5-pro',
      },
      { id: 'e1', type: 'error', content: 'quota exceeded' },
    ];
    const legacy = splitLegacyChat(JSON.stringify({ ...header, messages }, null, 2));
    if (!legacy.ok) throw new Error(legacy.message);
    const a = new GeminiChatParser(ctx);
    a.record(legacy.metadata, 0);
    legacy.messages.forEach((m, i) => a.record(m, i + 1));
    const b = new GeminiChatParser(ctx);
    feed(b, [header, ...messages]);
    const refs = (p: GeminiChatParser) =>
      p
        .take()
        .filter((x) => x.data?.messageId)
        .map((x) => x.ref);
    expect(refs(a)).toEqual(refs(b));
    const c = new GeminiChatParser(ctx);
    feed(c, [header, ...messages]);
    const d = c.take();
    expect(d.find((x) => x.kind === 'assistant_message')!.data).toMatchObject({
      thinking: 'Greeting: say hi',
      model: 'gemini-2.5-pro',
    });
    expect(d.find((x) => x.kind === 'error')!.text).toBe('quota exceeded');
    expect(splitLegacyChat('{"sessionId": "x", "messages": [').ok).toBe(false);
  });
});
