// Gemini CLI as a CaptureAdapter: the chats it records under ~/.gemini/tmp, the hooks it runs,
// the settings file that registers them, and their health.
import { existsSync } from 'node:fs';
import type { Store } from '../../store/index.js';
import type { AgentEnv, CaptureAdapter, CaptureStatus } from '../adapter.js';
import { agentStatus, hookScopeStatus } from '../hooks/hook-status.js';
import { anyGeminiHookSet } from './hook-entries.js';
import { handleGeminiHook } from './hook-handler.js';
import { discoverChats, importGeminiChat } from './import-chat.js';
import { geminiInstaller, geminiSettingsFor } from './installer.js';
import { geminiHome } from './paths.js';
import { AGENT } from './refs.js';
import { geminiRetention } from './retention.js';

function geminiStatus(env: AgentEnv, store: Store | null, batonHome: string): CaptureStatus {
  const scopes = (['user', 'project'] as const).map((s) =>
    hookScopeStatus(s, geminiSettingsFor(env, s), anyGeminiHookSet),
  );
  return agentStatus(AGENT, env, store, batonHome, scopes, anyGeminiHookSet);
}

/** Gemini CLI is on this machine when its home folder exists. */
const geminiPresent = (env: AgentEnv) => existsSync(geminiHome(env.env));

export const gemini: CaptureAdapter = {
  agent: AGENT,
  title: 'Gemini CLI',
  transcripts: { discover: discoverChats, importFile: importGeminiChat },
  installer: geminiInstaller(),
  hook: handleGeminiHook,
  status: geminiStatus,
  present: geminiPresent,
  retention: geminiRetention,
};
