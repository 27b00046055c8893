// Gemini CLI deletes chats by `general.sessionRetention` in its user settings.json: on unless
// `enabled` is false, after `maxAge` ("30d" when unset), and beyond `maxCount` chats when set.
import type { AgentEnv, AgentRetention } from '../adapter.js';
import { periodDays, readSettingsJson } from '../agent-retention.js';
import { geminiSettingsPath } from './paths.js';

export const GEMINI_DEFAULT_MAX_AGE_DAYS = 30;

export function geminiRetention(env: AgentEnv): AgentRetention {
  const file = geminiSettingsPath(env.env, 'user', env.cwd);
  const { json, problem } = readSettingsJson(file);
  const general = json?.general;
  const r =
    general && typeof general === 'object'
      ? (general as Record<string, unknown>).sessionRetention
      : undefined;
  const policy = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
  const off = policy.enabled === false;
  const maxCount = policy.maxCount;
  return {
    days: off ? null : (periodDays(policy.maxAge) ?? GEMINI_DEFAULT_MAX_AGE_DAYS),
    maxCount: !off && typeof maxCount === 'number' && maxCount > 0 ? maxCount : null,
    setting: 'general.sessionRetention',
    file,
    problem,
  };
}
