// An independent reading of real agent transcripts: the facts a resuming agent must find in a
// brief. It parses the agents' own files directly and shares no code with src/, so a fault in
// Baton's capture or brief cannot hide itself here. Per session: the open todos, the last real
// user request, the last three files edited, the shell failures never followed by a success of
// the same command, and the outcome markers (commits, pushes, the last test run's status).
import { readFileSync } from 'node:fs';

export interface ShellRun {
  command: string;
  ok: boolean;
  ts: number;
}

export interface SessionFacts {
  openTodos: string[];
  lastRequest: string | null;
  lastFiles: string[];
  unresolved: string[];
  resolved: string[];
  commits: number;
  pushes: number;
  lastTest: ShellRun | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const time = (v: unknown) => Date.parse(str(v) ?? '') || 0;

/** Text an agent or its harness put in the user's turn; never the user's own words. */
export const WRAPPER =
  /<(task-notification|command-name|command-message|command-args|local-command-stdout|local-command-stderr|system-reminder|hook_context|environment_context|user_instructions|user-prompt-submit-hook|ide_selection|ide_opened_file)>|^Caveat: The messages below|^\[Request interrupted|^# Context from my IDE setup|^# AGENTS\.md instructions/;
const TEST =
  /(^|&&|;|\|)\s*(uv run pytest|pytest|python -m pytest|npx vitest|vitest|jest|npm (run )?test|npm t|yarn test|pnpm test|mix test|cargo test|go test|make test)\b/;
const EDIT_TOOLS = /^(Edit|Write|MultiEdit|NotebookEdit|write_file|replace|edit_file)$/;

interface Acc {
  todos: { content: string; status: string }[];
  prompts: string[];
  edits: string[];
  runs: ShellRun[];
}

const newAcc = (): Acc => ({ todos: [], prompts: [], edits: [], runs: [] });

function userText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  if (content.some((b) => obj(b).type === 'tool_result')) return null;
  // An IDE adds its own blocks (the selection, the open file) beside the typed text.
  const texts = content
    .map((b) => str(obj(b).text))
    .filter((t): t is string => t !== null && !WRAPPER.test(t.trim()));
  return texts.length ? texts.join('\n') : null;
}

function realPrompt(acc: Acc, text: string | null): void {
  const t = text?.trim();
  if (t && !WRAPPER.test(t)) acc.prompts.push(t);
}

function claude(lines: Json[]): Acc {
  const acc = newAcc();
  const calls = new Map<string, { command: string; ts: number }>();
  for (const r of lines) {
    const msg = obj(r.message);
    if (r.type === 'user' && !r.isMeta && !r.isCompactSummary)
      realPrompt(acc, userText(msg.content));
    if (r.type === 'queue-operation' && r.operation === 'enqueue') realPrompt(acc, str(r.content));
    if (!Array.isArray(msg.content)) continue;
    for (const b of msg.content.map(obj)) {
      const input = obj(b.input);
      if (b.type === 'tool_use' && b.name === 'TodoWrite' && Array.isArray(input.todos)) {
        acc.todos = input.todos.map(obj).map((t) => ({
          content: str(t.content) ?? '',
          status: str(t.status) ?? '',
        }));
      }
      if (b.type === 'tool_use' && EDIT_TOOLS.test(str(b.name) ?? '')) {
        const f = str(input.file_path) ?? str(input.notebook_path);
        if (f) acc.edits.push(f);
      }
      if (b.type === 'tool_use' && b.name === 'Bash' && str(input.command))
        calls.set(str(b.id)!, { command: str(input.command)!, ts: time(r.timestamp) });
      if (b.type === 'tool_result' && calls.has(str(b.tool_use_id) ?? '')) {
        const c = calls.get(str(b.tool_use_id)!)!;
        acc.runs.push({ ...c, ok: b.is_error !== true });
      }
    }
  }
  return acc;
}

function codexCommand(args: Json): string | null {
  const c = args.command ?? args.cmd;
  if (Array.isArray(c))
    return c.length === 3 && /^-l?c$/.test(String(c[1])) ? String(c[2]) : c.join(' ');
  return str(c);
}

function codexOk(output: string): boolean {
  try {
    const code = obj(obj(JSON.parse(output)).metadata).exit_code;
    return code === undefined || code === 0;
  } catch {
    return !/^(error|failed)/i.test(output);
  }
}

function codex(lines: Json[]): Acc {
  const acc = newAcc();
  const calls = new Map<string, { command: string; ts: number }>();
  for (const r of lines) {
    const p = obj(r.payload);
    if (r.type === 'event_msg' && p.type === 'user_message') realPrompt(acc, str(p.message));
    if (r.type !== 'response_item') continue;
    let args: Json = {};
    try {
      args = obj(JSON.parse(str(p.arguments) ?? str(p.input) ?? '{}'));
    } catch {
      args = { patch: p.input };
    }
    if (p.type === 'function_call' && p.name === 'update_plan' && Array.isArray(args.plan))
      acc.todos = args.plan
        .map(obj)
        .map((t) => ({ content: str(t.step) ?? '', status: str(t.status) ?? '' }));
    const command = p.type === 'function_call' ? codexCommand(args) : null;
    const patch = str(args.patch) ?? (command?.includes('*** Begin Patch') ? command : null);
    if (patch)
      for (const m of patch.matchAll(/^\*\*\* (?:Add|Update) File: (.+)$/gm))
        acc.edits.push(m[1]!.trim());
    else if (command) calls.set(str(p.call_id) ?? '', { command, ts: time(r.timestamp) });
    if (p.type === 'function_call_output' && calls.has(str(p.call_id) ?? ''))
      acc.runs.push({ ...calls.get(str(p.call_id)!)!, ok: codexOk(str(p.output) ?? '') });
  }
  return acc;
}

function gemini(lines: Json[]): Acc {
  const acc = newAcc();
  for (const m of lines) {
    if (m.type === 'user') realPrompt(acc, str(m.displayContent) ?? userText(m.content));
    if (m.type !== 'gemini' || !Array.isArray(m.toolCalls)) continue;
    for (const c of m.toolCalls.map(obj)) {
      const args = obj(c.args);
      const name = str(c.name) ?? '';
      if (name === 'write_todos' && Array.isArray(args.todos))
        acc.todos = args.todos
          .map(obj)
          .map((t) => ({ content: str(t.description) ?? '', status: str(t.status) ?? '' }));
      if (EDIT_TOOLS.test(name) && str(args.file_path)) acc.edits.push(str(args.file_path)!);
      if (name === 'run_shell_command' && str(args.command))
        acc.runs.push({
          command: str(args.command)!,
          ok: c.status !== 'error',
          ts: time(m.timestamp),
        });
    }
  }
  return acc;
}

export function readLines(file: string): Json[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) return (obj(JSON.parse(text)).messages as Json[]) ?? [];
  return text
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [obj(JSON.parse(l))];
      } catch {
        return [];
      }
    });
}

function facts(acc: Acc): SessionFacts {
  const lastOk = new Map<string, number>();
  acc.runs.forEach((r, i) => r.ok && lastOk.set(r.command, i));
  const failed = new Map<string, boolean>();
  acc.runs.forEach((r, i) => {
    if (!r.ok) failed.set(r.command, (lastOk.get(r.command) ?? -1) > i);
  });
  const lastFiles: string[] = [];
  for (const f of [...acc.edits].reverse())
    if (!lastFiles.includes(f) && lastFiles.length < 3) lastFiles.push(f);
  const ok = (re: RegExp) => acc.runs.filter((r) => r.ok && re.test(r.command)).length;
  return {
    openTodos: acc.todos
      .filter((t) => !/^(completed|cancelled)$/.test(t.status))
      .map((t) => t.content),
    lastRequest: acc.prompts.at(-1) ?? null,
    lastFiles,
    unresolved: [...failed].filter(([, fixed]) => !fixed).map(([c]) => c),
    resolved: [...failed].filter(([, fixed]) => fixed).map(([c]) => c),
    commits: ok(/\bgit\b.*\bcommit\b/),
    pushes: ok(/\bgit\b.*\bpush\b/),
    lastTest: acc.runs.filter((r) => TEST.test(r.command)).at(-1) ?? null,
  };
}

export type Agent = 'claude-code' | 'codex' | 'gemini';

export function extractFacts(agent: Agent, file: string): SessionFacts {
  const lines = readLines(file);
  return facts(
    agent === 'claude-code' ? claude(lines) : agent === 'codex' ? codex(lines) : gemini(lines),
  );
}
