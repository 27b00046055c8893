// Where Claude Code keeps its things (docs/agents.md, Claude Code). CLAUDE_CONFIG_DIR moves
// ~/.claude; HOME comes from the environment passed in, so tests run against a temporary home.
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { InstallScope } from '../adapter.js';

export function claudeConfigDir(env: NodeJS.ProcessEnv): string {
  const configured = env.CLAUDE_CONFIG_DIR?.trim();
  if (configured) return configured;
  return join(env.HOME?.trim() || homedir(), '.claude');
}

export function claudeProjectsDir(env: NodeJS.ProcessEnv): string {
  return join(claudeConfigDir(env), 'projects');
}

/**
 * The settings file a scope edits. `project` is the project's `.claude/settings.local.json`: the
 * hook command names paths on this machine, so it belongs in the per-user file, not the one a
 * team commits.
 */
export function settingsPath(env: NodeJS.ProcessEnv, scope: InstallScope, projectRoot: string) {
  return scope === 'user'
    ? join(claudeConfigDir(env), 'settings.json')
    : join(projectRoot, '.claude', 'settings.local.json');
}

/**
 * Where a scope registers Baton's MCP server (docs/agents.md, Claude Code). `user` is the top level of
 * Claude Code's user config, `.claude.json` — beside ~/.claude, not in it, unless CLAUDE_CONFIG_DIR
 * moves both; `project` is the project's `.mcp.json`, the one file Claude Code reads project
 * servers from.
 */
export function mcpConfigPath(env: NodeJS.ProcessEnv, scope: InstallScope, projectRoot: string) {
  if (scope === 'project') return join(projectRoot, '.mcp.json');
  const configured = env.CLAUDE_CONFIG_DIR?.trim();
  return join(configured || env.HOME?.trim() || homedir(), '.claude.json');
}

/** What a transcript's path says: its session, and for a subagent its agent id. */
export function describeTranscriptPath(path: string): {
  fileKey: string;
  sessionId: string | null;
  agentId: string | null;
  layout: 'session' | 'subagent' | 'legacy-subagent';
} {
  const fileKey = basename(path).replace(/\.jsonl$/, '');
  if (!fileKey.startsWith('agent-')) {
    return { fileKey, sessionId: fileKey, agentId: null, layout: 'session' };
  }
  const agentId = fileKey.slice('agent-'.length);
  const folder = dirname(path);
  if (basename(folder) === 'subagents') {
    // projects/<project>/<session>/subagents/agent-<id>.jsonl (2.1.2+)
    return { fileKey, sessionId: basename(dirname(folder)), agentId, layout: 'subagent' };
  }
  // projects/<project>/agent-<id>.jsonl (≤ 2.0.x): the session comes from the rows.
  return { fileKey, sessionId: null, agentId, layout: 'legacy-subagent' };
}
