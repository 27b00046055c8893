// Pins how Claude Code transcript records become event drafts: merging by message.id, tool calls
// joined to results, prompts vs injected rows, errors, compaction, titles, unknown and malformed.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CWD,
  SESSION,
  assistant,
  prompt,
  resetIds,
  system,
  text,
  thinking,
  toolResult,
  toolUse,
} from '../../../test/helpers/claude-records.js';
import { TranscriptParser, emptyParserState } from './transcript-parser.js';
import type { FileContext, ParserState } from './transcript-parser.js';

const MAIN: FileContext = {
  fileKey: SESSION,
  sessionId: SESSION,
  agentId: null,
  subagentMeta: null,
};

function parse(
  records: unknown[],
  file: FileContext = MAIN,
  state: ParserState = emptyParserState(),
) {
  const parser = new TranscriptParser(file, state);
  let offset = 0;
  for (const r of records) {
    const line = typeof r === 'string' ? r : JSON.stringify(r);
    parser.line(line, offset);
    offset += Buffer.byteLength(line) + 1;
  }
  const drafts = parser.take();
  const finalState = parser.finish();
  return { parser, drafts, state: finalState };
}

beforeEach(resetIds);

describe('TranscriptParser', () => {
  it('merges assistant rows by message.id even when tool results sit between them', () => {
    const { drafts } = parse([
      prompt('fix the bug'),
      assistant('msg_1', [thinking('let me look')]),
      assistant('msg_1', [text('I will read it.')]),
      assistant('msg_1', [toolUse('toolu_a', 'Read', { file_path: '/p/a.ts' })]),
      toolResult('toolu_a', 'line 1'),
      assistant('msg_1', [toolUse('toolu_b', 'Bash', { command: 'npm test' })]),
      toolResult('toolu_b', 'ok'),
      assistant('msg_2', [text('Done.')]),
    ]);
    const kinds = drafts.map((d) => `${d.kind}${d.tool ? ':' + d.tool : ''}`);
    expect(kinds).toEqual([
      'user_message',
      'assistant_message',
      'tool_call:Read',
      'tool_result:Read',
      'tool_call:Bash',
      'tool_result:Bash',
      'assistant_message',
    ]);
    const first = drafts[1]!;
    expect(first.ref).toBe('assistant:msg_1');
    expect(first.text).toBe('I will read it.');
    expect(first.data?.thinkingChars).toBe('let me look'.length);
    expect(Array.isArray(first.raw) && first.raw.length).toBe(4);
    expect(drafts[6]!.raw).toMatchObject({ type: 'assistant' });
  });

  it('joins each result to its call by tool_use id, keeping structured results and errors', () => {
    const { drafts } = parse([
      assistant('msg_1', [toolUse('toolu_a', 'Bash', { command: 'false' })]),
      toolResult('toolu_a', 'Exit code 1', { isError: true, toolUseResult: 'Error: Exit code 1' }),
      assistant('msg_2', [toolUse('toolu_b', 'Edit', { file_path: '/p/a.ts' })]),
      toolResult('toolu_b', 'updated', { toolUseResult: { filePath: '/p/a.ts', oldString: 'a' } }),
    ]);
    const error = drafts.find((d) => d.ref === 'tool_result:toolu_a')!;
    expect(error).toMatchObject({ kind: 'error', tool: 'Bash', text: 'Exit code 1' });
    expect(error.data).toMatchObject({ toolUseId: 'toolu_a', isError: true });
    const result = drafts.find((d) => d.ref === 'tool_result:toolu_b')!;
    expect(result).toMatchObject({ kind: 'tool_result', tool: 'Edit' });
    expect(result.data?.result).toEqual({ filePath: '/p/a.ts', oldString: 'a' });
    expect(drafts.find((d) => d.ref === 'tool_use:toolu_a')?.data?.input).toEqual({
      command: 'false',
    });
  });

  it('keeps long outputs’ head and tail in text and cuts long input strings in data', () => {
    const output = `${'start '.repeat(1000)}\nFAIL at the very end`;
    const { drafts } = parse([
      assistant('msg_1', [
        toolUse('toolu_w', 'Write', { file_path: '/p/big.ts', content: 'x'.repeat(5000) }),
      ]),
      toolResult('toolu_w', output),
    ]);
    const input = drafts[1]!.data?.input as { file_path: string; content: string };
    expect(input.file_path).toBe('/p/big.ts');
    expect(input.content.length).toBeLessThan(1100);
    const text = drafts[2]!.text!;
    expect(text.length).toBeLessThan(4000);
    expect(text.startsWith('start start')).toBe(true);
    expect(text.endsWith('FAIL at the very end')).toBe(true);
    expect(text).toContain('characters not shown; the raw record has them');
  });

  it('leaves a result whose call came in an earlier run to be joined from the store', () => {
    const { drafts } = parse([toolResult('toolu_old', 'x')]);
    expect(drafts[0]).toMatchObject({ tool: null, callRef: 'tool_use:toolu_old' });
  });

  it('tells typed prompts from meta rows, command echoes, IDE context and compaction summaries', () => {
    const { drafts } = parse([
      prompt('<local-command-caveat>Caveat: …</local-command-caveat>', { isMeta: true }),
      prompt(
        '<command-name>/compact</command-name>\n<command-message>compact</command-message>\n<command-args>keep todos</command-args>',
      ),
      prompt('<local-command-stdout>Compacted</local-command-stdout>'),
      {
        ...prompt(''),
        message: {
          role: 'user',
          content: [
            { type: 'text', text: '<ide_opened_file>The user opened a.ts</ide_opened_file>' },
            { type: 'text', text: 'why does this fail?' },
            { type: 'image', source: { type: 'base64', data: 'AAAA' } },
          ],
        },
      },
      prompt('This session is being continued from a previous conversation…', {
        isCompactSummary: true,
      }),
      prompt('[Request interrupted by user]'),
      prompt('<task-notification>\n<task-id>a1</task-id>\n<status>completed</status>'),
    ]);
    expect(drafts.map((d) => [d.kind, d.data?.subtype ?? null])).toEqual([
      ['system', 'meta'],
      ['command', 'slash_or_shell'],
      ['system', 'command_output'],
      ['user_message', null],
      ['compaction', 'summary'],
      ['system', 'interruption'],
      ['system', 'task_notification'],
    ]);
    // Keyed as a prompt: its copy from UserPromptSubmit is the same event.
    expect(drafts[6]!.ref).toMatch(/^prompt:[0-9a-f]{16}:0$/);
    expect(drafts[1]!.text).toBe('/compact keep todos');
    expect(drafts[3]).toMatchObject({ text: 'why does this fail?', data: { images: 1 } });
  });

  it('keys prompts by text and occurrence, continuing the count across runs', () => {
    const first = parse([prompt('run the tests'), prompt('run the tests')]);
    expect(first.drafts.map((d) => d.ref.replace(/:[0-9a-f]{16}:/, ':H:'))).toEqual([
      'prompt:H:0',
      'prompt:H:1',
    ]);
    const second = parse([prompt('run the tests')], MAIN, first.state);
    expect(second.drafts[0]!.ref).toMatch(/:2$/);
  });

  it('makes errors of API error rows and keeps compaction boundaries', () => {
    const { drafts } = parse([
      system('api_error', { error: { message: 'overloaded' }, content: undefined }),
      { ...assistant('msg_e', [text('API Error: 529 overloaded')]), isApiErrorMessage: true },
      system('compact_boundary', {
        compactMetadata: { trigger: 'auto', preTokens: 160000 },
        content: 'Conversation compacted',
      }),
      system('stop_hook_summary'),
      system(null, { content: 'Running \u001b[1mPostToolUse:Edit\u001b[22m...' }),
    ]);
    expect(drafts.map((d) => d.kind)).toEqual(['error', 'error', 'compaction', 'system', 'system']);
    expect(drafts[0]!.text).toBe('overloaded');
    expect(drafts[2]!.data).toMatchObject({ trigger: 'auto', preTokens: 160000 });
    expect(drafts[4]!.text).toBe('Running PostToolUse:Edit...');
  });

  it('counts unknown record types and keeps them as system events with their raw record', () => {
    const { drafts, parser } = parse([
      { type: 'frame-link', sessionId: SESSION, path: '/x' },
      { type: 'frame-link' },
    ]);
    expect(parser.unknownTypes).toEqual({ 'frame-link': 2 });
    expect(drafts[0]).toMatchObject({
      kind: 'system',
      data: { type: 'frame-link', unknown: true },
      raw: { path: '/x' },
    });
  });

  it('reports malformed lines by number and reason and goes on', () => {
    const { drafts, parser } = parse([
      '{"type":"user", oops',
      '[1,2]',
      '{"no":"type"}',
      '',
      prompt('still here'),
    ]);
    expect(parser.malformed.map((m) => [m.line, m.reason])).toEqual([
      [1, 'json'],
      [2, 'not_object'],
      [3, 'no_type'],
    ]);
    expect(drafts.map((d) => d.kind)).toEqual(['user_message']);
  });

  it('titles sessions by rank and trusts only summaries whose leaf is in the file', () => {
    const { parser } = parse([
      { type: 'summary', summary: 'Other session summary', leafUuid: 'elsewhere' },
      { type: 'summary', summary: 'Fixing the login bug', leafUuid: 'u-2' },
      prompt('first prompt'),
      prompt('second prompt'),
    ]);
    expect(parser.sessions.get(SESSION)).toMatchObject({
      title: 'Fixing the login bug',
      titleRank: 3,
    });
    const custom = parse([
      prompt('p'),
      { type: 'ai-title', sessionId: SESSION, aiTitle: 'AI' },
      { type: 'custom-title', sessionId: SESSION, customTitle: 'Mine' },
    ]);
    expect(custom.parser.sessions.get(SESSION)?.title).toBe('Mine');
  });

  it('gives metadata rows without a timestamp the time of the next record', () => {
    const { drafts } = parse([{ type: 'summary', summary: 's', leafUuid: 'x' }, prompt('p')]);
    expect(drafts[0]!.ts).toBe(drafts[1]!.ts);
    expect(drafts[0]!.ref).toBe(`line:${SESSION}:0`);
  });

  it('puts a subagent’s rows in their own session linked to the parent, with its sidecar meta', () => {
    const file: FileContext = {
      fileKey: 'agent-abc',
      sessionId: SESSION,
      agentId: 'abc',
      subagentMeta: { agentType: 'Explore', description: 'Map the code' },
    };
    const { parser, drafts } = parse(
      [{ ...prompt('explore'), isSidechain: true, agentId: 'abc' }],
      file,
    );
    const key = `${SESSION}/agent-abc`;
    expect(drafts[0]!.sessionKey).toBe(key);
    expect(parser.sessions.get(key)).toMatchObject({
      parentKey: SESSION,
      cwd: CWD,
      meta: { agentId: 'abc', agentType: 'Explore' },
      title: 'Map the code',
      titleRank: 3,
    });
  });

  it('continues an assistant message cut between runs under its own ref', () => {
    const first = parse([assistant('msg_1', [text('part one')])]);
    expect(first.state.openMessage).toBe('msg_1');
    const second = parse([assistant('msg_1', [text('part two')])], MAIN, first.state);
    expect(second.drafts[0]!.ref).toMatch(/^assistant:msg_1:u-/);
    expect(second.drafts[0]!.text).toBe('part two');
  });

  it('marks plan tool results for the todo sync', () => {
    const { drafts } = parse([
      assistant('msg_1', [
        toolUse('toolu_t', 'TodoWrite', {
          todos: [{ content: 'a', status: 'pending', activeForm: 'A-ing' }],
        }),
      ]),
      toolResult('toolu_t', 'Todos have been modified successfully.', {
        toolUseResult: { oldTodos: [], newTodos: [] },
      }),
    ]);
    expect(drafts[2]!.plan).toMatchObject({
      tool: 'TodoWrite',
      claudeSessionId: SESSION,
      input: { todos: [{ content: 'a' }] },
    });
  });
});
