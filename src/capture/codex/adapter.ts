// Codex CLI as a CaptureAdapter: the rollouts it leaves under $CODEX_HOME/sessions, the hooks and
// `notify` program it runs, the files that register them, and their health.
import { existsSync } from 'node:fs';
import type { AgentEnv, CaptureAdapter, CaptureStatus } from '../adapter.js';
import { agentStatus, hookScopeStatus } from '../hooks/hook-status.js';
import type { Store } from '../../store/index.js';
import { anyCodexHookSet } from './hook-entries.js';
import { handleCodexHook } from './hook-handler.js';
import { discoverRollouts, importCodexRollout } from './import-rollout.js';
import { codexFilesFor, codexInstaller, codexTrustOf } from './installer.js';
import { trustAdvice } from './hook-trust.js';
import { codexHome } from './paths.js';
import { AGENT } from './refs.js';

function codexStatus(env: AgentEnv, store: Store | null, batonHome: string): CaptureStatus {
  const scopes = (['user', 'project'] as const).map((s) =>
    hookScopeStatus(s, codexFilesFor(env, s).hooksJson, anyCodexHookSet),
  );
  const trust = codexTrustOf(env);
  return {
    ...agentStatus(AGENT, env, store, batonHome, scopes, anyCodexHookSet),
    trust: trust.map(({ key, state }) => ({ key, state })),
    trustAdvice: trustAdvice(trust),
  };
}

/** Codex is on this machine when its home folder exists. */
const codexPresent = (env: AgentEnv) => existsSync(codexHome(env.env));

export const codex: CaptureAdapter = {
  agent: AGENT,
  title: 'Codex CLI',
  transcripts: { discover: discoverRollouts, importFile: importCodexRollout },
  installer: codexInstaller(),
  hook: handleCodexHook,
  status: codexStatus,
  present: codexPresent,
};
