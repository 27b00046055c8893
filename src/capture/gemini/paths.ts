// Where Gemini CLI keeps its things (docs/agents.md, Gemini CLI): ~/.gemini holds settings.json,
// projects.json (project folder → short id, since v0.29) and tmp/<project id>/chats/ with the chat
// recordings — `session-*.json` (legacy) or `.jsonl`, and subagents' chats in
// `chats/<parent session id>/<session id>.jsonl`.
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { InstallScope } from '../adapter.js';

export function geminiHome(env: NodeJS.ProcessEnv): string {
  return join(env.HOME?.trim() || homedir(), '.gemini');
}

export const geminiTmpDir = (env: NodeJS.ProcessEnv) => join(geminiHome(env), 'tmp');

/** The settings file a scope edits (project: the repo's `.gemini/settings.json`). */
export function geminiSettingsPath(
  env: NodeJS.ProcessEnv,
  scope: InstallScope,
  projectRoot: string,
) {
  return scope === 'user'
    ? join(geminiHome(env), 'settings.json')
    : join(projectRoot, '.gemini', 'settings.json');
}

export interface ChatPath {
  /** `tmp/<project id>`: a sha256 of the project folder before v0.29, a short slug after. */
  projectDir: string | null;
  /** The parent session id of a subagent's chat. */
  parentKey: string | null;
  /** The session id the name implies (a main chat's name holds only its first 8 characters). */
  fallbackKey: string;
}

export function describeChatPath(path: string): ChatPath {
  const name = basename(path).replace(/\.jsonl?$/, '');
  const folder = dirname(path);
  if (basename(folder) === 'chats') {
    return { projectDir: dirname(folder), parentKey: null, fallbackKey: name };
  }
  if (basename(dirname(folder)) === 'chats') {
    return { projectDir: dirname(dirname(folder)), parentKey: basename(folder), fallbackKey: name };
  }
  return { projectDir: null, parentKey: null, fallbackKey: name };
}

/** A chat recording: a .json or .jsonl file in a `chats` folder or one level below it. */
export function isChatFile(path: string): boolean {
  if (!/\.jsonl?$/.test(path)) return false;
  const folder = dirname(path);
  return basename(folder) === 'chats' || basename(dirname(folder)) === 'chats';
}
