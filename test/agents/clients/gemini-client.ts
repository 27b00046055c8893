// The genuine Gemini CLI (`@google/gemini-cli`, a bundled Node program), pointed at a fake Gemini
// API through GOOGLE_GEMINI_BASE_URL.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FakeModelServer } from '../fake-model/server.js';
import type { AgentSandbox } from '../harness/agent-sandbox.js';
import { runProcess } from '../harness/run-process.js';
import type { ProcessResult } from '../harness/run-process.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

export interface GeminiClient {
  version: string;
  entry: string;
}

export function findGemini(version: string): GeminiClient | { missing: string } {
  const dir = join(ROOT, 'node_modules', '@google', 'gemini-cli');
  if (!existsSync(join(dir, 'package.json')))
    return { missing: '@google/gemini-cli is not installed (npm ci)' };
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version: string;
    bin: { gemini: string };
  };
  if (!manifest.version.startsWith(version))
    return { missing: `@google/gemini-cli is ${manifest.version}, not ${version}` };
  return { version: manifest.version, entry: join(dir, manifest.bin.gemini) };
}

/**
 * The user's settings.json before Baton: API-key auth, and a Gemini 2.x model (write_todos is
 * offered only to those).
 */
export const GEMINI_USER_SETTINGS = `{
  "security": { "auth": { "selectedType": "gemini-api-key" } },
  "model": { "name": "gemini-2.5-flash" }
}
`;

export function prepareGeminiHome(box: AgentSandbox): string {
  mkdirSync(join(box.home, '.gemini'), { recursive: true });
  const path = join(box.home, '.gemini', 'settings.json');
  writeFileSync(path, GEMINI_USER_SETTINGS);
  return path;
}

export function geminiEnv(box: AgentSandbox, fake: FakeModelServer): NodeJS.ProcessEnv {
  return {
    ...box.baseEnv(),
    GEMINI_API_KEY: 'dummy',
    GOOGLE_GEMINI_BASE_URL: fake.url,
    GEMINI_CLI_TRUST_WORKSPACE: 'true',
  };
}

/**
 * `gemini --yolo [EXTRA] -p PROMPT` (headless mode offers only read-only tools without --yolo).
 * `--session-file CHAT` as EXTRA starts a new session from a copy of that chat's messages.
 */
export function geminiPrompt(
  client: GeminiClient,
  box: AgentSandbox,
  fake: FakeModelServer,
  prompt: string,
  extra: string[] = [],
): Promise<ProcessResult> {
  return runProcess(process.execPath, [client.entry, '--yolo', ...extra, '-p', prompt], {
    cwd: box.project,
    env: geminiEnv(box, fake),
    timeoutMs: 120_000,
  });
}

/** The chat files Gemini wrote for the sandbox's projects (`~/.gemini/tmp/<project>/chats/`). */
export function geminiChats(box: AgentSandbox): string[] {
  const tmp = join(box.home, '.gemini', 'tmp');
  if (!existsSync(tmp)) return [];
  return readdirSync(tmp).flatMap((project) => {
    const chats = join(tmp, project, 'chats');
    return existsSync(chats)
      ? readdirSync(chats)
          .filter((f) => f.startsWith('session-'))
          .map((f) => join(chats, f))
      : [];
  });
}
