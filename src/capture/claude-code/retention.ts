// Claude Code deletes a transcript once it is older than `cleanupPeriodDays` (user settings.json;
// 30 days when unset), at its next start.
import type { AgentEnv, AgentRetention } from '../adapter.js';
import { readSettingsJson } from '../agent-retention.js';
import { settingsPath } from './paths.js';

export const CLAUDE_DEFAULT_CLEANUP_DAYS = 30;

export function claudeRetention(env: AgentEnv): AgentRetention {
  const file = settingsPath(env.env, 'user', env.cwd);
  const { json, problem } = readSettingsJson(file);
  const days = json?.cleanupPeriodDays;
  return {
    days: typeof days === 'number' && days >= 0 ? days : CLAUDE_DEFAULT_CLEANUP_DAYS,
    maxCount: null,
    setting: 'cleanupPeriodDays',
    file,
    problem,
  };
}
