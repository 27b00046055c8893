// `baton install|uninstall claude-code`: registers Baton's hooks in Claude Code's own settings
// file, and (when asked) its MCP server in Claude Code's MCP config, beside whatever is there.
// Reads and plans both files' new text purely, then writes (after a backup into Baton's home,
// never Claude's folder). Installing twice changes nothing; uninstalling removes exactly what was
// added, byte for byte. It never writes CLAUDE.md and never turns any Claude Code feature off.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { resolveHome } from '../../store/index.js';
import { identityForCwd } from '../project-for-cwd.js';
import { isEmptyJsonObject, readConfigText } from '../install/config-file-write.js';
import type {
  AgentEnv,
  ConfigChange,
  InstallOptions,
  InstallReport,
  InstallScope,
  Installer,
} from '../adapter.js';
import { planHooksInstall, planHooksRemoval } from '../install/hooks-json-plan.js';
import type { CreatedKeys } from '../install/hooks-json-plan.js';
import { anyClaudeHookSet, claudeHookSet } from './hook-entries.js';
import {
  planMcpInstallFile,
  planMcpRemovalFile,
  writeMcpInstall,
  writeMcpRemoval,
} from './mcp-registration.js';
import { mcpConfigPath, settingsPath } from './paths.js';

const projectRootFor = (env: AgentEnv, scope: InstallScope) =>
  scope === 'project' ? identityForCwd(env.cwd).root : env.cwd;

export function settingsFileFor(env: AgentEnv, scope: InstallScope): string {
  return settingsPath(env.env, scope, projectRootFor(env, scope));
}

/** Where the scope's MCP server is registered: ~/.claude.json, or the project's .mcp.json. */
function mcpFileFor(env: AgentEnv, scope: InstallScope): string {
  return mcpConfigPath(env.env, scope, projectRootFor(env, scope));
}

/** Beside the backups: which settings file Baton created and which keys in it, per file. */
const installRecord = (backupDir: string, file: string) =>
  join(backupDir, `installed-${createHash('sha1').update(file).digest('hex').slice(0, 16)}.json`);

interface InstallRecord extends CreatedKeys {
  file: string;
  createdFile: boolean;
}

function readRecord(backupDir: string, file: string): InstallRecord | null {
  try {
    return JSON.parse(readFileSync(installRecord(backupDir, file), 'utf8')) as InstallRecord;
  } catch {
    return null;
  }
}

function writeRecord(backupDir: string, record: InstallRecord): void {
  mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  writeFileSync(installRecord(backupDir, record.file), JSON.stringify(record, null, 2), {
    mode: 0o600,
  });
}

function backup(file: string, backupDir: string, stamp: number, scope: InstallScope): string {
  mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  const target = join(backupDir, `${basename(file, '.json')}-${scope}-${stamp}.json`);
  copyFileSync(file, target);
  return target;
}

export const claudeInstaller = (now: () => number = Date.now): Installer => ({
  install(env: AgentEnv, options: InstallOptions): InstallReport {
    const file = settingsFileFor(env, options.scope);
    const before = readConfigText(file);
    const plan = planHooksInstall(
      before ?? '',
      file,
      claudeHookSet(options.batonCommand, {
        mcp: options.mcp !== undefined,
        home: resolveHome(env.env),
      }),
    );
    const mcp =
      options.mcp && planMcpInstallFile(mcpFileFor(env, options.scope), options.mcp, options.scope);
    const change: ConfigChange = {
      file,
      action: plan.details.length === 0 ? 'unchanged' : before === null ? 'create' : 'update',
      details: plan.details,
      backup: null,
    };
    if (!options.dryRun && change.action !== 'unchanged') {
      if (before !== null) change.backup = backup(file, options.backupDir, now(), options.scope);
      const previous = readRecord(options.backupDir, file);
      writeRecord(options.backupDir, {
        file,
        createdFile: before === null || (previous?.createdFile ?? false),
        hooksKey: plan.created.hooksKey || (previous?.hooksKey ?? false),
        events: [...new Set([...(previous?.events ?? []), ...plan.created.events])],
      });
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, plan.text);
    }
    const changes = [change];
    if (mcp) changes.push(writeMcpInstall(mcp, { ...options, now: now() }));
    return { agent: 'claude-code', scope: options.scope, dryRun: options.dryRun, changes };
  },

  uninstall(env: AgentEnv, options: Omit<InstallOptions, 'batonCommand'>): InstallReport {
    const file = settingsFileFor(env, options.scope);
    const before = readConfigText(file);
    // Baton's server goes whether or not this uninstall names it: it may predate the options.
    const mcp = planMcpRemovalFile(mcpFileFor(env, options.scope), options.backupDir);
    const change: ConfigChange = { file, action: 'unchanged', details: [], backup: null };
    if (before !== null) {
      const record = readRecord(options.backupDir, file);
      const plan = planHooksRemoval(before, file, anyClaudeHookSet, record);
      // A file Baton created and that now says nothing is removed rather than left behind.
      const remove =
        plan.details.length > 0 && record?.createdFile === true && isEmptyJsonObject(plan.text);
      change.details = plan.details;
      change.action = plan.details.length === 0 ? 'unchanged' : remove ? 'delete' : 'update';
      if (!options.dryRun && change.action !== 'unchanged') {
        change.backup = backup(file, options.backupDir, now(), options.scope);
        if (remove) rmSync(file);
        else writeFileSync(file, plan.text);
        rmSync(installRecord(options.backupDir, file), { force: true });
      }
    }
    const changes = [change, writeMcpRemoval(mcp, { ...options, now: now() })];
    return { agent: 'claude-code', scope: options.scope, dryRun: options.dryRun, changes };
  },
});
