// What `baton doctor` shows for Claude Code: its hooks in the user's and the project's settings,
// read by the status every agent shares.
import type { Store } from '../../store/index.js';
import type { AgentEnv, CaptureStatus } from '../adapter.js';
import { agentStatus, hookScopeStatus } from '../hooks/hook-status.js';
import { anyClaudeHookSet } from './hook-entries.js';
import { settingsFileFor } from './installer.js';
import { AGENT } from './refs.js';

export function claudeCodeStatus(
  env: AgentEnv,
  store: Store | null,
  batonHome: string,
): CaptureStatus {
  const scopes = (['user', 'project'] as const).map((s) =>
    hookScopeStatus(s, settingsFileFor(env, s), anyClaudeHookSet),
  );
  return agentStatus(AGENT, env, store, batonHome, scopes, anyClaudeHookSet);
}
