// Baton's MCP server in Claude Code's own MCP config, beside the hooks (docs/agents.md, Claude
// Code): the top-level `mcpServers` of the user config (~/.claude.json) for user scope, the
// project's `.mcp.json` for project scope. Read and plan first (so a file Baton cannot parse stops
// the install before anything is written), then write through config-file-write: backup, dry run,
// and a `.mcp.json` Baton created is deleted again when nothing else is left in it.
//
// The `mcpServers` object goes too when Baton's server was its last entry, unless it was there
// before the install (Claude Code itself leaves `"mcpServers": {}` behind after `claude mcp
// remove`): a small record in the backup folder says which, so uninstall gives the file back byte
// for byte.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatonError } from '../../core/index.js';
import type { ConfigChange, InstallScope } from '../adapter.js';
import {
  isEmptyJsonObject,
  readConfigText,
  writeInstall,
  writeUninstall,
} from '../install/config-file-write.js';
import type { PlannedEdit, WriteOptions } from '../install/config-file-write.js';
import { nodeAt, parseSettings } from '../install/json-settings-edit.js';
import {
  BATON_MCP_NAME,
  addJsonMcpServer,
  claudeMcpServer,
  removeJsonMcpServer,
} from '../install/mcp-config/index.js';
import type { McpServerEntry } from '../install/mcp-config/index.js';

export interface McpInstallPlan {
  text: string;
  details: string[];
  /** The install adds `mcpServers` itself (so uninstall may remove it again). */
  createdContainer: boolean;
}

const KEY = `mcpServers.${BATON_MCP_NAME}`;

/** The server's command line as a reader would type it. */
const commandLine = (entry: McpServerEntry) =>
  [entry.command, ...entry.args].map((w) => (/[\s"']/.test(w) ? JSON.stringify(w) : w)).join(' ');

/** What the file holds now, refusing files Baton cannot edit safely (with the file's name). */
function inspect(text: string, file: string): { container: boolean; server: boolean } {
  const root = parseSettings(text, file);
  const servers = nodeAt(root, ['mcpServers']);
  if (servers && servers.type !== 'object')
    throw new BatonError(
      'INVALID_INPUT',
      `"mcpServers" in ${file} is not an object; nothing was changed`,
    );
  return {
    container: servers !== undefined,
    server: !!servers && !!nodeAt(servers, [BATON_MCP_NAME]),
  };
}

/** Pure: the file's text with Baton's server registered (or updated in place when it moved). */
export function planMcpInstall(
  before: string,
  file: string,
  entry: McpServerEntry,
  scope: InstallScope,
): McpInstallPlan {
  const had = inspect(before, file);
  const edit = addJsonMcpServer(before, claudeMcpServer(entry));
  if (!edit.changed) return { text: before, details: [], createdContainer: false };
  const details = [`${had.server ? '~' : '+'} ${KEY}: ${commandLine(entry)}`];
  if (scope === 'project' && !had.server)
    details.push(
      "Claude Code asks once to approve a project's .mcp.json servers: approve Baton's.",
    );
  return { text: edit.text, details, createdContainer: !had.container };
}

/** Pure: the file's text without Baton's server; `ownsContainer` lets an emptied `mcpServers` go. */
function planMcpRemoval(
  before: string,
  file: string,
  ownsContainer: boolean,
): { text: string; details: string[] } {
  if (!inspect(before, file).server) return { text: before, details: [] };
  const edit = removeJsonMcpServer(before, { dropEmptyContainer: ownsContainer });
  return { text: edit.text, details: [`- ${KEY}`] };
}

// ---- the record of what an install created, beside the backups ----

interface McpRecord {
  file: string;
  createdContainer: boolean;
}

const recordPath = (backupDir: string, file: string) =>
  join(backupDir, `mcp-${createHash('sha1').update(file).digest('hex').slice(0, 16)}.json`);

function readRecord(backupDir: string, file: string): McpRecord | null {
  try {
    return JSON.parse(readFileSync(recordPath(backupDir, file), 'utf8')) as McpRecord;
  } catch {
    return null;
  }
}

// ---- read, plan, write ----

/** A planned install of the server into `file`, read and planned but not yet written. */
export interface McpStep {
  edit: PlannedEdit;
  createdContainer: boolean;
}

export function planMcpInstallFile(
  file: string,
  entry: McpServerEntry,
  scope: InstallScope,
): McpStep {
  const before = readConfigText(file);
  const plan = planMcpInstall(before ?? '', file, entry, scope);
  return {
    edit: { file, before, after: plan.text, details: plan.details },
    createdContainer: plan.createdContainer,
  };
}

export function writeMcpInstall(step: McpStep, o: WriteOptions): ConfigChange {
  const change = writeInstall(step.edit, o);
  if (o.dryRun || change.action === 'unchanged') return change;
  const previous = readRecord(o.backupDir, step.edit.file);
  const record: McpRecord = {
    file: step.edit.file,
    createdContainer: step.createdContainer || (previous?.createdContainer ?? false),
  };
  mkdirSync(o.backupDir, { recursive: true, mode: 0o700 });
  writeFileSync(recordPath(o.backupDir, step.edit.file), JSON.stringify(record, null, 2), {
    mode: 0o600,
  });
  return change;
}

/** The removal of Baton's server from `file`, planned; whether or not `mcp` was asked for. */
export function planMcpRemovalFile(file: string, backupDir: string): PlannedEdit {
  const before = readConfigText(file);
  if (before === null) return { file, before, after: '', details: [] };
  // Without a record (an install from before records were kept), an emptied container is Baton's.
  const owns = readRecord(backupDir, file)?.createdContainer ?? true;
  const plan = planMcpRemoval(before, file, owns);
  return { file, before, after: plan.text, details: plan.details };
}

export function writeMcpRemoval(edit: PlannedEdit, o: WriteOptions): ConfigChange {
  const change = writeUninstall(edit, o, isEmptyJsonObject);
  if (!o.dryRun && change.action !== 'unchanged')
    rmSync(recordPath(o.backupDir, edit.file), { force: true });
  return change;
}
