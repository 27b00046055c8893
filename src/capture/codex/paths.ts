// Where Codex CLI keeps its things (docs/agents.md, Codex CLI): `$CODEX_HOME` (default ~/.codex)
// holds config.toml, hooks.json, and the rollouts under sessions/YYYY/MM/DD/ (archived ones under
// archived_sessions/). HOME comes from the environment passed in, so tests use a temporary home.
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { InstallScope } from '../adapter.js';

export function codexHome(env: NodeJS.ProcessEnv): string {
  const configured = env.CODEX_HOME?.trim();
  if (configured) return configured;
  return join(env.HOME?.trim() || homedir(), '.codex');
}

export const codexSessionsDirs = (env: NodeJS.ProcessEnv) => [
  join(codexHome(env), 'sessions'),
  join(codexHome(env), 'archived_sessions'),
];

/** The folder whose config.toml and hooks.json a scope edits (project: the repo's `.codex/`). */
export function codexConfigDir(env: NodeJS.ProcessEnv, scope: InstallScope, projectRoot: string) {
  return scope === 'user' ? codexHome(env) : join(projectRoot, '.codex');
}

const ROLLOUT_ID = /-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;

/** The thread id a rollout's file name carries, or the name itself. */
export function rolloutIdFromPath(path: string): string {
  return ROLLOUT_ID.exec(path)?.[1] ?? basename(path).replace(/\.jsonl$/, '');
}

export function isRolloutFile(path: string): boolean {
  return basename(path).startsWith('rollout-') && path.endsWith('.jsonl');
}
