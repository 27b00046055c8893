// `baton install|uninstall codex`: Baton's hooks in Codex's hooks.json and its `notify` program
// in config.toml (for Codex builds older than hooks), both beside whatever is there. Reads, plans
// each file's new text purely, then writes with a backup; installing twice changes nothing and
// uninstalling removes exactly what was added. Codex runs only hooks the user trusted (in its
// `/hooks` view); the report says which of Baton's are not, and what to do (hook-trust.ts).
import { resolveHome } from '../../store/index.js';
import { join } from 'node:path';
import type {
  AgentEnv,
  ConfigChange,
  InstallOptions,
  InstallReport,
  Installer,
} from '../adapter.js';
import {
  isEmptyJsonObject,
  readConfigText,
  writeInstall,
  writeUninstall,
} from '../install/config-file-write.js';
import type { PlannedEdit, WriteOptions } from '../install/config-file-write.js';
import { planHooksInstall, planHooksRemoval } from '../install/hooks-json-plan.js';
import {
  BATON_MCP_NAME,
  addCodexMcpServer,
  codexMcpServer,
  removeCodexMcpServer,
} from '../install/mcp-config/index.js';
import { identityForCwd } from '../project-for-cwd.js';
import { planNotifyInstall, planNotifyRemoval } from './config-toml-plan.js';
import { anyCodexHookSet, codexHookSet, notifyArgv } from './hook-entries.js';
import { codexHookTrust, trustAdvice } from './hook-trust.js';
import type { HookTrust } from './hook-trust.js';
import { codexConfigDir } from './paths.js';
import { AGENT } from './refs.js';

export interface CodexFiles {
  hooksJson: string;
  configToml: string;
}

export function codexFilesFor(env: AgentEnv, scope: InstallOptions['scope']): CodexFiles {
  const root = scope === 'project' ? identityForCwd(env.cwd).root : env.cwd;
  const dir = codexConfigDir(env.env, scope, root);
  return { hooksJson: join(dir, 'hooks.json'), configToml: join(dir, 'config.toml') };
}

/**
 * Whether Codex trusts each of Baton's hooks, in both scopes' hooks.json (`planned`: a file's
 * text as a dry run would have written it). Trust lives in the user's config.toml whatever the
 * scope of the hooks.
 */
export function codexTrustOf(env: AgentEnv, planned?: { file: string; text: string }): HookTrust[] {
  const configToml = readConfigText(codexFilesFor(env, 'user').configToml);
  return (['user', 'project'] as const).flatMap((scope) => {
    const file = codexFilesFor(env, scope).hooksJson;
    const text = planned?.file === file ? planned.text : readConfigText(file);
    return codexHookTrust(file, text, configToml, anyCodexHookSet);
  });
}

/**
 * The MCP server's registration step (`[mcp_servers.<name>]` in config.toml), applied after
 * `notify` when the install options name a server (`options.mcp`); spec null removes it (every uninstall does, named or not).
 */
export type TomlEntryPlanner = (
  before: string,
  file: string,
  spec: NonNullable<InstallOptions['mcp']> | null,
) => { text: string; details: string[] };

/** Registers `options.mcp` with capture/install/mcp-config's byte-preserving TOML edits. */
const codexMcpPlanner: TomlEntryPlanner = (before, _file, spec) => {
  const edit = spec
    ? addCodexMcpServer(before, codexMcpServer(spec))
    : removeCodexMcpServer(before);
  const line = `${spec ? '+' : '-'} [mcp_servers.${BATON_MCP_NAME}]`;
  return { text: edit.text, details: edit.changed ? [line] : [] };
};

export const codexInstaller = (
  now: () => number = Date.now,
  mcpEntry: TomlEntryPlanner | undefined = codexMcpPlanner,
): Installer => ({
  install(env: AgentEnv, options: InstallOptions): InstallReport {
    const files = codexFilesFor(env, options.scope);
    const o: WriteOptions = { dryRun: options.dryRun, backupDir: options.backupDir, now: now() };
    const changes: ConfigChange[] = [];
    const hooksBefore = readConfigText(files.hooksJson);
    const hooks = planHooksInstall(
      hooksBefore ?? '',
      files.hooksJson,
      codexHookSet(options.batonCommand, resolveHome(env.env)),
    );
    const hooksChange = writeInstall(
      { file: files.hooksJson, before: hooksBefore, after: hooks.text, details: hooks.details },
      o,
    );
    changes.push(hooksChange);
    const tomlBefore = readConfigText(files.configToml);
    let toml = planNotifyInstall(
      tomlBefore ?? '',
      files.configToml,
      notifyArgv(options.batonCommand, resolveHome(env.env)),
    );
    if (mcpEntry && options.mcp) {
      const mcp = mcpEntry(toml.text, files.configToml, options.mcp);
      toml = { text: mcp.text, details: [...toml.details, ...mcp.details] };
    }
    const edit: PlannedEdit = {
      file: files.configToml,
      before: tomlBefore,
      after: toml.text,
      details: toml.details,
    };
    changes.push(writeInstall(edit, o));
    const trust = codexTrustOf(
      env,
      options.dryRun ? { file: files.hooksJson, text: hooks.text } : undefined,
    );
    const pending = trustAdvice(trust) ?? undefined;
    return { agent: AGENT, scope: options.scope, dryRun: options.dryRun, changes, pending };
  },

  uninstall(env: AgentEnv, options: Omit<InstallOptions, 'batonCommand'>): InstallReport {
    const files = codexFilesFor(env, options.scope);
    const o: WriteOptions = { dryRun: options.dryRun, backupDir: options.backupDir, now: now() };
    const changes: ConfigChange[] = [];
    const hooksBefore = readConfigText(files.hooksJson);
    const hooks =
      hooksBefore === null
        ? { text: '', details: [] }
        : planHooksRemoval(hooksBefore, files.hooksJson, anyCodexHookSet);
    changes.push(
      writeUninstall(
        { file: files.hooksJson, before: hooksBefore, after: hooks.text, details: hooks.details },
        o,
        isEmptyJsonObject,
      ),
    );
    const tomlBefore = readConfigText(files.configToml);
    let toml =
      tomlBefore === null
        ? { text: '', details: [] }
        : planNotifyRemoval(tomlBefore, files.configToml);
    if (mcpEntry && tomlBefore !== null) {
      const mcp = mcpEntry(toml.text, files.configToml, null);
      toml = { text: mcp.text, details: [...toml.details, ...mcp.details] };
    }
    changes.push(
      writeUninstall(
        { file: files.configToml, before: tomlBefore, after: toml.text, details: toml.details },
        o,
        (t) => t.trim() === '',
      ),
    );
    return { agent: AGENT, scope: options.scope, dryRun: options.dryRun, changes };
  },
});
