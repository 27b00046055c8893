// One-line descriptions of Codex tool calls and the readable text of their outputs. Shapes seen:
// `shell` with `{command:[…]}` (0.39), `exec_command` with `{cmd}` (0.104), freeform
// `apply_patch` input, and outputs that are a plain string, a JSON string
// `{"output","metadata":{"exit_code"}}`, a content item, or a list of content items.
import type { JsonValue } from '../../core/index.js';
import { firstLine, isRec, list, num, parseRec, rec, str } from '../json-fields.js';

/** What a call does, in one line, for timelines and briefs. */
export function describeCall(name: string, input: JsonValue | undefined): string {
  if (typeof input === 'string') {
    if (name === 'apply_patch') return `apply_patch ${patchedFiles(input).join(', ')}`.trim();
    return `${name} ${firstLine(input, 160)}`.trim();
  }
  if (!isRec(input)) return name;
  const command = input.command ?? input.cmd;
  if (Array.isArray(command)) return `${name}: ${shellLine(command)}`;
  if (typeof command === 'string') return `${name}: ${firstLine(command, 200)}`;
  const plan = list(input, 'plan');
  if (plan) return `${name}: ${plan.length} step(s)`;
  const query = str(input, 'query') ?? str(rec(input, 'action'), 'query');
  if (query !== undefined) return `${name}: ${firstLine(query, 160)}`;
  const path = str(input, 'path') ?? str(input, 'file_path');
  if (path !== undefined) return `${name}: ${path}`;
  return name;
}

/** `["bash","-lc","ls -la"]` → `ls -la`: the shell wrapper says nothing. */
function shellLine(command: JsonValue[]): string {
  const parts = command.filter((p): p is string => typeof p === 'string');
  const wrapped = parts.length === 3 && /(^|\/)(ba|z)?sh$/.test(parts[0]!) && parts[1] === '-lc';
  return firstLine(wrapped ? parts[2]! : parts.join(' '), 200);
}

const PATCH_FILE = /^\*\*\* (?:Add|Update|Delete) File: (.+)$/gm;

export function patchedFiles(patch: string): string[] {
  return [...patch.matchAll(PATCH_FILE)].map((m) => m[1]!.trim());
}

export interface OutputText {
  text: string;
  exitCode: number | null;
}

/** The readable text of a call's output and, where the output says it, the exit code. */
export function outputText(output: JsonValue | undefined): OutputText {
  if (typeof output === 'string') {
    const parsed = output.startsWith('{') ? parseRec(output) : undefined;
    if (parsed && typeof parsed.output === 'string') {
      const exit = num(rec(parsed, 'metadata'), 'exit_code');
      return { text: parsed.output, exitCode: exit ?? null };
    }
    return { text: output, exitCode: exitCodeIn(output) };
  }
  if (Array.isArray(output)) {
    const text = output.map((item) => contentText(item)).join('\n');
    return { text, exitCode: exitCodeIn(text) };
  }
  const text = contentText(output ?? null);
  return { text, exitCode: exitCodeIn(text) };
}

function contentText(item: JsonValue): string {
  if (typeof item === 'string') return item;
  if (!isRec(item)) return '';
  return str(item, 'text') ?? str(item, 'output') ?? '';
}

// exec_command (0.10x) reports "Process exited with code N"; older shells "Exit code: N".
const EXIT = /(?:Process exited with code|^Exit code:)\s*(-?\d+)/m;

function exitCodeIn(text: string): number | null {
  const m = EXIT.exec(text.slice(0, 2000));
  return m ? Number(m[1]) : null;
}
