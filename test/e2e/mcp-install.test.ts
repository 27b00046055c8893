// Pins `baton install codex|gemini` through the CLI in a temporary home: Baton's MCP server is
// registered beside the user's own servers (its POSIX sh front, dist/mcp.sh, given Baton's home and
// then this node and this baton by absolute path, then `mcp`), an entry of an older install is
// upgraded in place, and `baton uninstall` gives both configs back byte for byte.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

const FRONT = resolve(BATON_BIN, '..', '..', 'dist', 'mcp.sh');
const launch = (home: string) => ({
  command: '/bin/sh',
  args: [FRONT, home, process.execPath, BATON_BIN, 'mcp'],
});

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
      expect(toml.mcp_servers.baton).toMatchObject(launch(h.home));
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
      expect(settings.mcpServers.baton).toEqual(launch(h.home));
      expect(settings.mcpServers.github).toBeDefined();
      expect(runBaton(['uninstall', 'gemini'], { home: h.home }).code).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(GEMINI_SETTINGS);
    } finally {
      h.cleanup();
    }
  });

  it("upgrades an older install's Node entry in place, and uninstall still gives the file back", () => {
    const h = tempHome();
    try {
      const file = join(h.home, '.gemini', 'settings.json');
      mkdirSync(join(h.home, '.gemini'));
      writeFileSync(file, GEMINI_SETTINGS);
      expect(runBaton(['install', 'gemini'], { home: h.home }).code).toBe(0);
      // The entry as an install before the shell front wrote it (node, bin/baton.js, mcp).
      const now = readFileSync(file, 'utf8');
      const shArgs = launch(h.home).args.map((a) => JSON.stringify(a));
      const at = now.indexOf(JSON.stringify('/bin/sh'));
      const end = now.indexOf(shArgs.at(-1)!, at) + shArgs.at(-1)!.length;
      expect(at).toBeGreaterThan(0);
      const entry = now.slice(at, end);
      const older = entry
        .replace(JSON.stringify('/bin/sh'), JSON.stringify(process.execPath))
        .replace(/\[[^]*$/, `[${JSON.stringify(BATON_BIN)}, ${JSON.stringify('mcp')}`);
      writeFileSync(file, now.replace(entry, older));
      expect(readFileSync(file, 'utf8')).toContain(JSON.stringify(BATON_BIN));
      const install = runBaton(['install', 'gemini'], { home: h.home });
      expect(install.code).toBe(0);
      const settings = parseJsonc(readFileSync(file, 'utf8')) as {
        mcpServers: Record<string, unknown>;
      };
      expect(settings.mcpServers.baton).toEqual(launch(h.home));
      expect(Object.keys(settings.mcpServers)).toEqual(['github', 'baton']);
      expect(runBaton(['uninstall', 'gemini'], { home: h.home }).code).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(GEMINI_SETTINGS);
    } finally {
      h.cleanup();
    }
  });
});
