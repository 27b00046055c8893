// User rows: typed prompts, tool results (joined to their calls), injected meta messages,
// compaction summaries, and the echoes of slash and shell commands (docs/agents.md, Claude Code).
import type { JsonObject } from '../../core/index.js';
import { PLAN_TOOLS } from './plan-effects.js';
import { promptHash, promptRef } from '../prompt-refs.js';
import { toolCallRef, toolResultRef, uuidRef } from './refs.js';
import { bool, isRec, rec, str } from '../json-fields.js';
import type { Rec } from '../json-fields.js';
import { compactResult, resultText } from './tool-text.js';
import type { ClaudeDraft, ParseSink, RowAt } from './transcript-parser.js';

/** What a typed-looking user text really is. */
export type UserTextKind = 'prompt' | 'command' | 'command_output' | 'interruption';

const OUTPUT_TAGS = [
  '<local-command-stdout>',
  '<local-command-stderr>',
  '<bash-stdout>',
  '<bash-stderr>',
  '<local-command-caveat>',
];
const COMMAND_TAGS = ['<command-name>', '<command-message>', '<bash-input>'];

/**
 * Claude Code's own message that a background task (a subagent, a workflow) finished: it arrives
 * as a user turn — in the transcript and through UserPromptSubmit — but nobody typed it.
 */
export function isTaskNotification(text: string): boolean {
  return text.trimStart().startsWith('<task-notification>');
}

function classifyUserText(text: string): UserTextKind {
  const t = text.trimStart();
  if (OUTPUT_TAGS.some((tag) => t.startsWith(tag))) return 'command_output';
  if (COMMAND_TAGS.some((tag) => t.startsWith(tag))) return 'command';
  if (t.startsWith('[Request interrupted by user')) return 'interruption';
  return 'prompt';
}

/** `<command-name>/x</command-name> … <command-args>y</command-args>` → `/x y`. */
function commandLine(text: string): string {
  const tag = (name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(text)?.[1];
  const bash = tag('bash-input');
  if (bash !== undefined) return `!${bash}`;
  const name = tag('command-name') ?? tag('command-message') ?? text;
  const args = tag('command-args')?.trim();
  return args ? `${name} ${args}` : name;
}

export function parseUserRow(sink: ParseSink, r: Rec, at: RowAt): void {
  const content = rec(r, 'message')?.content;
  if (typeof content === 'string') return userText(sink, r, at, content, 0);
  if (!Array.isArray(content)) return userText(sink, r, at, '', 0);
  let rawPlaced = false;
  const texts: string[] = [];
  let images = 0;
  for (const block of content) {
    if (!isRec(block)) continue;
    const type = str(block, 'type');
    if (type === 'tool_result') {
      toolResult(sink, r, at, block, rawPlaced ? undefined : r);
      rawPlaced = true;
    } else if (type === 'text') {
      const text = str(block, 'text') ?? '';
      // IDE context (`<ide_opened_file>…`, `<ide_selection>…`) rides along; it is not typed.
      if (!text.trimStart().startsWith('<ide_')) texts.push(text);
    } else if (type === 'image') images += 1;
  }
  if (texts.length === 0 && images === 0) {
    if (!rawPlaced) userText(sink, r, at, '', 0);
    return;
  }
  if (rawPlaced) {
    // Text beside tool results ("[Request interrupted by user for tool use]"): not a prompt.
    sink.emit(
      draft(
        at,
        'system',
        'user',
        texts.join('\n'),
        { subtype: 'tool_result_text' },
        uuidRef(str(r, 'uuid') ?? at.ref, 'text'),
      ),
    );
    return;
  }
  userText(sink, r, at, texts.join('\n'), images);
}

function userText(sink: ParseSink, r: Rec, at: RowAt, text: string, images: number) {
  const raw = r;
  if (bool(r, 'isCompactSummary')) {
    return sink.emit({
      ...draft(at, 'compaction', 'user', text, { subtype: 'summary' }, at.ref),
      raw,
    });
  }
  if (bool(r, 'isMeta')) {
    return sink.emit({
      ...draft(at, 'system', 'user', text || null, { subtype: 'meta' }, at.ref),
      raw,
    });
  }
  const kind = classifyUserText(text);
  if (kind === 'command') {
    return sink.emit({
      ...draft(at, 'command', 'user', commandLine(text), { subtype: 'slash_or_shell' }, at.ref),
      raw,
    });
  }
  if (kind !== 'prompt' || (text.trim() === '' && images === 0)) {
    return sink.emit({
      ...draft(
        at,
        'system',
        'user',
        text || null,
        { subtype: kind === 'prompt' ? 'empty' : kind },
        at.ref,
      ),
      raw,
    });
  }
  const hash = promptHash(text);
  if (isTaskNotification(text)) {
    // Keyed as a prompt, as its hook copy is, so the two are stored once.
    const ref = promptRef(hash, sink.nextPromptOccurrence(at.sessionKey, hash));
    return sink.emit({
      ...draft(at, 'system', 'user', text, { subtype: 'task_notification' }, ref),
      raw,
    });
  }
  const data: JsonObject = {};
  if (images > 0) data.images = images;
  const promptId = str(r, 'promptId');
  if (promptId !== undefined) data.promptId = promptId;
  const ref = promptRef(hash, sink.nextPromptOccurrence(at.sessionKey, hash));
  sink.emit({ ...draft(at, 'user_message', 'user', text, data, ref), raw });
  sink.title(at.sessionKey, { text: firstLine(text), rank: 1 });
}

function toolResult(sink: ParseSink, r: Rec, at: RowAt, block: Rec, raw: Rec | undefined): void {
  const id = str(block, 'tool_use_id');
  const isError = block.is_error === true;
  const call = id !== undefined ? sink.calls.get(id) : undefined;
  const toolUseResult = raw ? r.toolUseResult : undefined;
  const data: JsonObject = { toolUseId: id ?? null };
  if (isError) data.isError = true;
  if (toolUseResult !== undefined) data.result = compactResult(toolUseResult);
  const agentId = isRec(toolUseResult) ? str(toolUseResult, 'agentId') : undefined;
  if (agentId !== undefined) data.subagentId = agentId;
  const text = resultText(block.content);
  const d: ClaudeDraft = {
    ...draft(
      at,
      isError ? 'error' : 'tool_result',
      'user',
      text || null,
      data,
      id ? toolResultRef(id) : uuidRef(str(r, 'uuid') ?? at.ref, 'result'),
    ),
    tool: call?.name ?? null,
  };
  if (raw) d.raw = raw;
  if (id !== undefined && call === undefined) d.callRef = toolCallRef(id);
  const name = call?.name;
  if (!isError && (name === undefined ? id !== undefined : PLAN_TOOLS.has(name))) {
    d.plan = {
      tool: name ?? null,
      input: call?.input,
      result: toolUseResult ?? r.toolUseResult,
      claudeSessionId: at.claudeSessionId,
    };
  }
  sink.emit(d);
}

function firstLine(text: string): string {
  const line = text.trim().split('\n', 1)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function draft(
  at: RowAt,
  kind: ClaudeDraft['kind'],
  role: string,
  text: string | null,
  data: JsonObject,
  ref: string,
): ClaudeDraft {
  return { sessionKey: at.sessionKey, ts: at.ts, kind, role, tool: null, text, data, ref };
}
