// `baton install|uninstall gemini`: Baton's hooks in Gemini CLI's settings.json (user
// ~/.gemini/settings.json, or the project's .gemini/settings.json), beside whatever is there,
// comments included (it is JSONC). Installing twice changes nothing; uninstalling removes exactly
// what was added, byte for byte.
import { resolveHome } from '../../store/index.js';
import type { AgentEnv, InstallOptions, InstallReport, Installer } from '../adapter.js';
import {
  isEmptyJsonObject,
  readConfigText,
  writeInstall,
  writeUninstall,
} from '../install/config-file-write.js';
import { planHooksInstall, planHooksRemoval } from '../install/hooks-json-plan.js';
import type { HooksPlan } from '../install/hooks-json-plan.js';
import {
  BATON_MCP_NAME,
  addJsonMcpServer,
  geminiMcpServer,
  removeJsonMcpServer,
} from '../install/mcp-config/index.js';
import { identityForCwd } from '../project-for-cwd.js';
import { anyGeminiHookSet, geminiHookSet } from './hook-entries.js';
import { geminiSettingsPath } from './paths.js';
import { AGENT } from './refs.js';

export function geminiSettingsFor(env: AgentEnv, scope: InstallOptions['scope']): string {
  const root = scope === 'project' ? identityForCwd(env.cwd).root : env.cwd;
  return geminiSettingsPath(env.env, scope, root);
}

/**
 * The MCP server's registration step (`mcpServers.<name>` in settings.json), applied when the
 * install options name a server (`options.mcp`); spec null removes it (every uninstall does, named or not).
 */
export type JsonEntryPlanner = (
  before: string,
  file: string,
  spec: NonNullable<InstallOptions['mcp']> | null,
) => HooksPlan;

/** Registers `options.mcp` with capture/install/mcp-config's byte-preserving JSON edits. */
const geminiMcpPlanner: JsonEntryPlanner = (before, _file, spec) => {
  const edit = spec ? addJsonMcpServer(before, geminiMcpServer(spec)) : removeJsonMcpServer(before);
  const line = `${spec ? '+' : '-'} mcpServers.${BATON_MCP_NAME}`;
  return { text: edit.text, details: edit.changed ? [line] : [] };
};

export const geminiInstaller = (
  now: () => number = Date.now,
  mcpEntry: JsonEntryPlanner | undefined = geminiMcpPlanner,
): Installer => ({
  install(env: AgentEnv, options: InstallOptions): InstallReport {
    const file = geminiSettingsFor(env, options.scope);
    const before = readConfigText(file);
    let plan: HooksPlan = planHooksInstall(
      before ?? '',
      file,
      geminiHookSet(options.batonCommand, resolveHome(env.env)),
    );
    if (mcpEntry && options.mcp) {
      const mcp = mcpEntry(plan.text, file, options.mcp);
      plan = { text: mcp.text, details: [...plan.details, ...mcp.details] };
    }
    const change = writeInstall(
      { file, before, after: plan.text, details: plan.details },
      {
        dryRun: options.dryRun,
        backupDir: options.backupDir,
        now: now(),
      },
    );
    return { agent: AGENT, scope: options.scope, dryRun: options.dryRun, changes: [change] };
  },

  uninstall(env: AgentEnv, options: Omit<InstallOptions, 'batonCommand'>): InstallReport {
    const file = geminiSettingsFor(env, options.scope);
    const before = readConfigText(file);
    let plan: HooksPlan =
      before === null
        ? { text: '', details: [] }
        : planHooksRemoval(before, file, anyGeminiHookSet);
    if (mcpEntry && before !== null) {
      const mcp = mcpEntry(plan.text, file, null);
      plan = { text: mcp.text, details: [...plan.details, ...mcp.details] };
    }
    const change = writeUninstall(
      { file, before, after: plan.text, details: plan.details },
      {
        dryRun: options.dryRun,
        backupDir: options.backupDir,
        now: now(),
      },
      isEmptyJsonObject,
    );
    return { agent: AGENT, scope: options.scope, dryRun: options.dryRun, changes: [change] };
  },
});
