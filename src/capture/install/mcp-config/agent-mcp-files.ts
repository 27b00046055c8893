// The agents' user-scope MCP server lists, read and edited one entry at a time for `baton sync
// mcp`: Claude Code's ~/.claude.json `mcpServers`, Codex's config.toml `[mcp_servers.*]`, Gemini
// CLI's ~/.gemini/settings.json `mcpServers`. Edits go through the same byte-exact editors the
// installers use, so every other entry, comment and the file's formatting stay as they were.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as TOML from '@decimalturn/toml-patch';
import { parse as parseJsonc } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { BatonError } from '../../../core/index.js';
import type { JsonValue } from '../../../core/index.js';
import { mcpConfigPath } from '../../claude-code/paths.js';
import { codexConfigDir } from '../../codex/paths.js';
import { geminiSettingsPath } from '../../gemini/paths.js';
import { readConfigText } from '../config-file-write.js';
import { addJsonMcpServer, removeJsonMcpServer } from './json-mcp-config.js';
import { addCodexMcpServer, removeCodexMcpServer } from './toml-mcp-config.js';
import type { ConfigEdit } from './mcp-entry.js';

export interface AgentMcpConfigs {
  agents: readonly string[];
  read(agent: string): Record<string, JsonValue>;
  write(agent: string, name: string, entry: JsonValue | null): void;
  /** The file an agent's servers are kept in. */
  file(agent: string): string;
}

interface Format {
  file: string;
  servers(text: string): Record<string, JsonValue>;
  add(text: string, name: string, entry: JsonValue): ConfigEdit;
  remove(text: string, name: string): ConfigEdit;
}

const plain = (v: unknown) => JSON.parse(JSON.stringify(v ?? {})) as Record<string, JsonValue>;

function jsonServers(file: string) {
  return (text: string): Record<string, JsonValue> => {
    if (text.trim() === '') return {};
    const errors: ParseError[] = [];
    const doc = parseJsonc(text, errors, { allowTrailingComma: true }) as unknown;
    if (errors.length > 0 || !doc || typeof doc !== 'object') {
      throw new BatonError('INVALID_INPUT', `${file} is not a JSON object; it was left as it is`);
    }
    return plain((doc as { mcpServers?: unknown }).mcpServers);
  };
}

function tomlServers(file: string) {
  return (text: string): Record<string, JsonValue> => {
    try {
      return plain(
        (TOML.parse(text.replace(/^\uFEFF/, '')) as { mcp_servers?: unknown }).mcp_servers,
      );
    } catch (error) {
      throw new BatonError('INVALID_INPUT', `${file} is not valid TOML; it was left as it is`, {
        cause: error,
      });
    }
  };
}

const asObject = (entry: JsonValue, name: string): Record<string, unknown> => {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new BatonError('INVALID_INPUT', `the MCP server entry ${name} is not an object`);
  }
  return entry;
};

export function agentMcpConfigs(env: NodeJS.ProcessEnv): AgentMcpConfigs {
  const formats: Record<string, Format> = {};
  const claude = mcpConfigPath(env, 'user', '');
  formats['claude-code'] = {
    file: claude,
    servers: jsonServers(claude),
    add: (text, name, entry) => addJsonMcpServer(text, asObject(entry, name), { name }),
    remove: (text, name) => removeJsonMcpServer(text, { name }),
  };
  const codex = join(codexConfigDir(env, 'user', ''), 'config.toml');
  formats.codex = {
    file: codex,
    servers: tomlServers(codex),
    add: (text, name, entry) => addCodexMcpServer(text, asObject(entry, name), name),
    remove: (text, name) => removeCodexMcpServer(text, name),
  };
  const gemini = geminiSettingsPath(env, 'user', '');
  formats.gemini = {
    file: gemini,
    servers: jsonServers(gemini),
    add: (text, name, entry) => addJsonMcpServer(text, asObject(entry, name), { name }),
    remove: (text, name) => removeJsonMcpServer(text, { name }),
  };
  const format = (agent: string) => {
    const f = formats[agent];
    if (!f) throw new BatonError('USAGE', `unknown agent ${agent}`);
    return f;
  };
  return {
    agents: Object.keys(formats),
    file: (agent) => format(agent).file,
    read: (agent) => {
      const f = format(agent);
      return f.servers(readConfigText(f.file) ?? '');
    },
    write: (agent, name, entry) => {
      const f = format(agent);
      const before = readConfigText(f.file);
      if (before === null && entry === null) return;
      const edit = entry === null ? f.remove(before ?? '', name) : f.add(before ?? '', name, entry);
      if (!edit.changed) return;
      mkdirSync(dirname(f.file), { recursive: true });
      // In place, so the file keeps its owner and mode (~/.claude.json is private).
      writeFileSync(f.file, edit.text);
    },
  };
}
