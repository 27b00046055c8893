// Small Claude Code transcript records for unit tests, shaped like the real ones (docs/agents.md)
// but written here: the real transcripts are only read through BATON_REAL_FIXTURES.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const SESSION = '11111111-2222-3333-4444-555555555555';
export const CWD = '/nonexistent/baton-test/project';

let clock = Date.parse('2026-03-04T10:00:00.000Z');
let uuids = 0;

export function resetIds(): void {
  clock = Date.parse('2026-03-04T10:00:00.000Z');
  uuids = 0;
}

const envelope = (extra: Record<string, unknown> = {}) => {
  uuids += 1;
  clock += 1000;
  return {
    parentUuid: null,
    isSidechain: false,
    userType: 'external',
    cwd: CWD,
    sessionId: SESSION,
    version: '2.1.42',
    gitBranch: 'main',
    uuid: `u-${uuids}`,
    timestamp: new Date(clock).toISOString(),
    ...extra,
  };
};

export const prompt = (text: string, extra: Record<string, unknown> = {}) => ({
  ...envelope(extra),
  type: 'user',
  message: { role: 'user', content: text },
});

export const assistant = (
  messageId: string,
  content: unknown[],
  extra: Record<string, unknown> = {},
) => ({
  ...envelope(extra),
  type: 'assistant',
  requestId: `req_${messageId}`,
  message: {
    id: messageId,
    model: 'claude-sonnet-4-5',
    role: 'assistant',
    content,
    usage: { input_tokens: 10, output_tokens: 5 },
  },
});

export const text = (t: string) => ({ type: 'text', text: t });
export const thinking = (t: string) => ({ type: 'thinking', thinking: t, signature: 'sig' });
export const toolUse = (id: string, name: string, input: unknown) => ({
  type: 'tool_use',
  id,
  name,
  input,
});

export const toolResult = (
  toolUseId: string,
  content: unknown,
  opts: { isError?: boolean; toolUseResult?: unknown; extra?: Record<string, unknown> } = {},
) => ({
  ...envelope(opts.extra),
  type: 'user',
  message: {
    role: 'user',
    content: [
      {
        type: 'tool_result',
        tool_use_id: toolUseId,
        content,
        ...(opts.isError && { is_error: true }),
      },
    ],
  },
  ...(opts.toolUseResult !== undefined && { toolUseResult: opts.toolUseResult }),
});

export const system = (subtype: string | null, extra: Record<string, unknown> = {}) => ({
  ...envelope(),
  type: 'system',
  ...(subtype !== null && { subtype }),
  content: extra.content ?? `${subtype} notice`,
  level: 'info',
  ...extra,
});

export const jsonl = (records: unknown[]) =>
  records.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** A temporary ~/.claude with files at paths relative to projects/. */
export function tempClaudeHome(files: Record<string, string> = {}): {
  root: string;
  configDir: string;
  projects: string;
  write(rel: string, content: string): string;
  cleanup(): void;
} {
  const root = mkdtempSync(join(tmpdir(), 'baton-claude-'));
  const configDir = join(root, '.claude');
  const projects = join(configDir, 'projects');
  const write = (rel: string, content: string) => {
    const path = join(projects, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  for (const [rel, content] of Object.entries(files)) write(rel, content);
  mkdirSync(projects, { recursive: true });
  return {
    root,
    configDir,
    projects,
    write,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
