// Pins the Codex rollout parser on small hand-written rollouts: the pre-wrapper format (sniffed
// from line 1), injected context kept as system events, unknown types kept and counted, a call's
// output in a later run joined by call_id, repeated call ids kept apart, and the parser state
// surviving a JSON round trip (it lives in the import cursor).
import { describe, expect, it } from 'vitest';
import { CodexRolloutParser } from './rollout-parser.js';
import type { CodexParserState } from './rollout-parser.js';

function feed(parser: CodexRolloutParser, records: unknown[], start = 0): number {
  let offset = start;
  for (const r of records) {
    const text = typeof r === 'string' ? r : JSON.stringify(r);
    parser.line(text, offset);
    offset += Buffer.byteLength(text) + 1;
  }
  return offset;
}

describe('CodexRolloutParser', () => {
  it('reads the pre-wrapper format: header line, bare response items, state lines', () => {
    const p = new CodexRolloutParser('fallback-id');
    feed(p, [
      {
        id: 'old-1',
        timestamp: '2025-05-01T10:00:00Z',
        instructions: 'be brief',
        git: { branch: 'dev', commit_hash: 'abc' },
      },
      {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: '<user_instructions>AGENTS.md</user_instructions>' }],
      },
      {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'fix the flaky test' }],
      },
      { record_type: 'state' },
      {
        type: 'function_call',
        name: 'shell',
        arguments: '{"command":["bash","-lc","npm test"]}',
        call_id: 'c1',
      },
      {
        type: 'function_call_output',
        call_id: 'c1',
        output: '{"output":"ok","metadata":{"exit_code":0}}',
      },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Fixed.' }] },
    ]);
    const d = p.take();
    expect(p.sighting.key).toBe('old-1');
    expect(p.sighting.gitBranch).toBe('dev');
    expect(d.map((x) => x.kind)).toEqual([
      'system',
      'system',
      'user_message',
      'system',
      'tool_call',
      'tool_result',
      'assistant_message',
    ]);
    expect(d[2]!.text).toBe('fix the flaky test');
    expect(d[4]!.text).toBe('shell: npm test');
    expect(d[5]).toMatchObject({ tool: 'shell', text: 'ok', ref: 'result:c1' });
    expect(p.sighting.title).toBe('fix the flaky test');
  });

  it('in the wrapped format the typed prompt is event_msg.user_message, counted once', () => {
    const p = new CodexRolloutParser('f');
    feed(p, [
      { timestamp: 't', type: 'session_meta', payload: { id: 's1', cwd: '/w' } },
      {
        timestamp: 't',
        type: 'response_item',
        payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'go' }] },
      },
      { timestamp: 't', type: 'event_msg', payload: { type: 'user_message', message: 'go' } },
      { timestamp: 't', type: 'event_msg', payload: { type: 'user_message', message: 'go' } },
    ]);
    const prompts = p.take().filter((x) => x.kind === 'user_message');
    expect(prompts.map((x) => x.ref)).toEqual([
      expect.stringMatching(/^prompt:\w+:0$/),
      expect.stringMatching(/^prompt:\w+:1$/),
    ]);
  });

  it('keeps unknown record types as system events and counts them', () => {
    const p = new CodexRolloutParser('f');
    feed(p, [
      { timestamp: 't', type: 'session_meta', payload: { id: 's1' } },
      { timestamp: 't', type: 'brand_new_record', payload: { x: 1 } },
      { timestamp: 't', type: 'event_msg', payload: { type: 'brand_new_event' } },
      { timestamp: 't', type: 'response_item', payload: { type: 'brand_new_item' } },
      'not json at all',
      '[1,2]',
    ]);
    const d = p.take();
    expect(d).toHaveLength(4);
    expect(d.slice(1).every((x) => x.kind === 'system' && x.raw !== undefined)).toBe(true);
    expect(p.counts.unknownTypes).toEqual({
      brand_new_record: 1,
      'event_msg:brand_new_event': 1,
      'response_item:brand_new_item': 1,
    });
    expect(p.counts.malformed.map((m) => [m.line, m.reason])).toEqual([
      [5, 'json'],
      [6, 'not_object'],
    ]);
  });

  it('joins an output read in a later run to its call by call_id, and keeps repeated ids apart', () => {
    const first = new CodexRolloutParser('f');
    const end = feed(first, [
      { timestamp: 't', type: 'session_meta', payload: { id: 's1' } },
      {
        timestamp: 't',
        type: 'response_item',
        payload: {
          type: 'custom_tool_call',
          name: 'apply_patch',
          call_id: 'c9',
          input: '*** Begin Patch\n*** Update File: src/a.ts\n@@\n-x\n+y\n*** End Patch',
        },
      },
    ]);
    const calls = first.take();
    expect(calls[1]).toMatchObject({
      kind: 'tool_call',
      tool: 'apply_patch',
      text: 'apply_patch src/a.ts',
      ref: 'call:c9',
    });
    const saved = JSON.parse(JSON.stringify(first.state)) as CodexParserState;
    const second = new CodexRolloutParser('f', saved, 3);
    feed(
      second,
      [
        {
          timestamp: 't',
          type: 'response_item',
          payload: { type: 'custom_tool_call_output', call_id: 'c9', output: 'Success' },
        },
        {
          timestamp: 't',
          type: 'response_item',
          payload: { type: 'custom_tool_call_output', call_id: 'c9', output: 'again' },
        },
      ],
      end,
    );
    const [out, repeat] = second.take();
    expect(out).toMatchObject({ kind: 'tool_result', tool: 'apply_patch', ref: 'result:c9' });
    expect(repeat!.ref).toMatch(/^line:\d+$/);
    const third = new CodexRolloutParser(
      'f',
      JSON.parse(JSON.stringify(second.state)) as CodexParserState,
    );
    feed(
      third,
      [
        {
          timestamp: 't',
          type: 'response_item',
          payload: { type: 'function_call_output', call_id: 'c-unknown', output: 'x' },
        },
      ],
      999,
    );
    expect(third.take()[0]).toMatchObject({
      tool: null,
      callRef: 'call:c-unknown',
      ref: 'result:c-unknown',
    });
  });

  it('turns update_plan into a whole-plan update keyed by step text, and a failed command into an error', () => {
    const p = new CodexRolloutParser('f');
    feed(p, [
      { timestamp: 't', type: 'session_meta', payload: { id: 's1' } },
      {
        timestamp: 't',
        type: 'response_item',
        payload: {
          type: 'function_call',
          name: 'update_plan',
          call_id: 'p1',
          arguments:
            '{"plan":[{"step":"A","status":"completed"},{"step":"B","status":"in_progress"}]}',
        },
      },
      {
        timestamp: 't',
        type: 'response_item',
        payload: {
          type: 'function_call',
          name: 'exec_command',
          call_id: 'e1',
          arguments: '{"cmd":"make"}',
        },
      },
      {
        timestamp: 't',
        type: 'response_item',
        payload: {
          type: 'function_call_output',
          call_id: 'e1',
          output: 'Chunk ID: 1\nProcess exited with code 2\nOutput:\nboom',
        },
      },
      {
        timestamp: 't',
        type: 'event_msg',
        payload: { type: 'error', message: 'stream disconnected' },
      },
      {
        timestamp: 't',
        type: 'compacted',
        payload: { message: 'summary of work', replacement_history: [{}, {}] },
      },
    ]);
    const d = p.take();
    expect(d[1]!.plan!.items.map((i) => [i.content, i.status])).toEqual([
      ['A', 'completed'],
      ['B', 'in_progress'],
    ]);
    expect(d[1]!.plan!.prefix).toBe('codex:s1:plan:');
    expect(d[3]).toMatchObject({ kind: 'error', data: { exitCode: 2, isError: true } });
    expect(d[4]).toMatchObject({ kind: 'error', text: 'stream disconnected' });
    expect(d[5]).toMatchObject({
      kind: 'compaction',
      text: 'summary of work',
      data: { replacementItems: 2 },
    });
  });
});
