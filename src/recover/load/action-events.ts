// Turns stored events into what a brief shows: which files a tool call touched and which command
// it ran. Agents name these differently (Claude Code `tool_input.file_path`, Gemini `file_path`,
// Codex `cmd` arrays and `apply_patch` headers), so the reader looks in the usual places.
import { isAbsolute, relative, sep } from 'node:path';
import type { BatonEvent, JsonObject, JsonValue } from '../../core/index.js';
import type { ActionEvent } from '../brief/brief-types.js';

const TEXT_LIMIT = 400;
const FILE_KEYS = ['file_path', 'filePath', 'notebook_path', 'path', 'file', 'absolute_path'];
const FILES_KEYS = ['files', 'paths', 'file_paths'];
const COMMAND_KEYS = ['command', 'cmd'];
const NESTS = ['tool_input', 'input', 'args', 'arguments', 'params', 'parameters'];
const SHELL_TOOLS = /^(bash|shell|run_shell_command|exec_command|local_shell|terminal)$/i;
const PATCH_FILE = /^\*\*\* (?:Add|Update|Delete) File: (.+)$/gm;

export function collapse(text: string | null, max = TEXT_LIMIT): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

function containers(data: JsonObject): JsonObject[] {
  const out = [data];
  for (const key of NESTS) {
    const v = data[key];
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(v);
  }
  return out;
}

const asString = (v: JsonValue | undefined): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v : null;

function commandOf(data: JsonObject): string | null {
  for (const c of containers(data)) {
    for (const key of COMMAND_KEYS) {
      const v = c[key];
      if (Array.isArray(v)) {
        const words = v.filter((w): w is string => typeof w === 'string');
        // Codex wraps shell commands as ["bash", "-lc", "the command"].
        if (words.length === 3 && /^-l?c$/.test(words[1]!)) return words[2]!;
        if (words.length) return words.join(' ');
      }
      const s = asString(v);
      if (s) return s;
    }
  }
  return null;
}

function filesOf(data: JsonObject): string[] {
  const found: string[] = [];
  for (const c of containers(data)) {
    for (const key of FILE_KEYS) {
      const s = asString(c[key]);
      if (s && !s.includes('\n')) found.push(s);
    }
    for (const key of FILES_KEYS) {
      const v = c[key];
      if (Array.isArray(v)) for (const f of v) if (typeof f === 'string') found.push(f);
    }
  }
  return found;
}

/** Paths inside the project are shown relative to its root, the way git names them. */
export function projectPath(path: string, root: string | null): string {
  if (!root || !isAbsolute(path)) return path;
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return path;
  return rel.split(sep).join('/');
}

function patchedFiles(command: string | null): string[] {
  if (!command || !command.includes('*** ')) return [];
  return [...command.matchAll(PATCH_FILE)].map((m) => m[1]!.trim());
}

type EventFields = Pick<BatonEvent, 'seq' | 'ts' | 'kind' | 'tool' | 'text' | 'data'>;

function failedResult(e: EventFields): boolean {
  if (e.kind === 'error') return true;
  if (e.kind !== 'tool_result' || !e.data) return false;
  const d = e.data;
  return d.is_error === true || d.isError === true || d.success === false || 'error' in d;
}

export function toActionEvent(e: EventFields, root: string | null): ActionEvent {
  const data = e.data ?? {};
  let command = commandOf(data);
  if (!command && e.kind === 'command') command = e.text;
  if (!command && e.kind === 'tool_call' && e.tool && SHELL_TOOLS.test(e.tool)) command = e.text;
  const files = [...filesOf(data), ...patchedFiles(command)].map((f) => projectPath(f, root));
  const isPatch = command !== null && command.includes('*** Begin Patch');
  return {
    seq: e.seq,
    ts: e.ts,
    kind: e.kind,
    tool: e.tool,
    text: collapse(e.text),
    files: [...new Set(files)],
    command: command && !isPatch ? collapse(command, 200) : null,
    failed: failedResult(e),
  };
}
