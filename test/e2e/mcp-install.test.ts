// Pins `baton install codex|gemini` through the CLI in a temporary home: Baton's MCP server is
// registered beside the user's own servers (this node and this baton by absolute path, then
// `mcp`), and `baton uninstall` gives both configs back byte for byte.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { BATON_BIN, runBaton, tempHome } from './run-baton.js';

const CODEX_TOML = `# mine
model = "gpt-5.3-codex"

[mcp_servers.context7]
command = "npx"
args = ["-y", "@upstash/context7-mcp"]
`;

const GEMINI_SETTINGS = `{
  // mine
  "theme": "GitHub",
  "mcpServers": { "github": { "command": "github-mcp", "args": [] } }
}
`;

const launch = { command: process.execPath, args: [BATON_BIN, 'mcp'] };

describe('baton install registers the MCP server (e2e)', () => {
  it('Codex: [mcp_servers.baton] in config.toml, removed by uninstall', () => {
    const h = tempHome();
    try {
      const file = join(h.home, '.codex', 'config.toml');
      mkdirSync(join(h.home, '.codex'));
      writeFileSync(file, CODEX_TOML);
      const install = runBaton(['install', 'codex'], { home: h.home });
      expect(install.code).toBe(0);
      expect(install.stdout).toContain('+ [mcp_servers.baton]');
      const toml = parseToml(readFileSync(file, 'utf8')) as {
        mcp_servers: Record<string, { command: string; args: string[] }>;
      };
      expect(toml.mcp_servers.baton).toMatchObject(launch);
      expect(toml.mcp_servers.context7).toBeDefined();
      expect(runBaton(['uninstall', 'codex'], { home: h.home }).code).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(CODEX_TOML);
    } finally {
      h.cleanup();
    }
  });

  it('Gemini CLI: mcpServers.baton in settings.json, removed by uninstall', () => {
    const h = tempHome();
    try {
      const file = join(h.home, '.gemini', 'settings.json');
      mkdirSync(join(h.home, '.gemini'));
      writeFileSync(file, GEMINI_SETTINGS);
      const install = runBaton(['install', 'gemini'], { home: h.home });
      expect(install.code).toBe(0);
      expect(install.stdout).toContain('+ mcpServers.baton');
      const settings = parseJsonc(readFileSync(file, 'utf8')) as {
        mcpServers: Record<string, unknown>;
      };
      expect(settings.mcpServers.baton).toEqual(launch);
      expect(settings.mcpServers.github).toBeDefined();
      expect(runBaton(['uninstall', 'gemini'], { home: h.home }).code).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(GEMINI_SETTINGS);
    } finally {
      h.cleanup();
    }
  });
});
