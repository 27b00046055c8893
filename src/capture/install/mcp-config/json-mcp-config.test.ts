// Pins the JSON(C) edits of Baton's MCP entry: added next to other servers and comments in the
// file's own style, idempotent, and removed so that the file is byte for byte what it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'jsonc-parser';
import {
  addJsonMcpServer,
  claudeMcpServer,
  geminiMcpServer,
  removeJsonMcpServer,
} from './json-mcp-config.js';
import { batonMcpEntry } from './mcp-entry.js';

const claude = claudeMcpServer(batonMcpEntry());
const gemini = geminiMcpServer(batonMcpEntry());

const MCP_JSON = `{
  // project servers, reviewed by the team
  "mcpServers": {
    "github": { "type": "http", "url": "https://api.example.com/mcp" }, // keep
    "files": {
      "command": "npx",
      "args": ["-y", "files-mcp"]
    }
  }
}
`;

const GEMINI_SETTINGS = `{
\t"theme": "GitHub",
\t/* telemetry off on purpose */
\t"telemetry": { "enabled": false }
}
`;

describe('addJsonMcpServer / removeJsonMcpServer', () => {
  it('adds Baton beside other servers and comments, then removes it byte-exactly', () => {
    const added = addJsonMcpServer(MCP_JSON, claude);
    expect(added.changed).toBe(true);
    const tree = parse(added.text) as { mcpServers: Record<string, unknown> };
    expect(Object.keys(tree.mcpServers)).toEqual(['github', 'files', 'baton']);
    expect(tree.mcpServers.baton).toEqual({
      type: 'stdio',
      command: 'baton',
      args: ['mcp'],
      env: {},
    });
    expect(added.text).toContain('// project servers, reviewed by the team');
    expect(added.text).toContain('// keep');
    const removed = removeJsonMcpServer(added.text);
    expect(removed).toEqual({ text: MCP_JSON, changed: true });
  });

  it('is idempotent: adding twice changes nothing the second time', () => {
    const once = addJsonMcpServer(MCP_JSON, claude);
    const twice = addJsonMcpServer(once.text, claude);
    expect(twice).toEqual({ text: once.text, changed: false });
  });

  it('replaces an outdated Baton entry in place', () => {
    const old = addJsonMcpServer(MCP_JSON, { command: 'old-baton', args: [] }).text;
    const next = addJsonMcpServer(old, claude);
    expect(next.changed).toBe(true);
    expect((parse(next.text) as { mcpServers: { baton: unknown } }).mcpServers.baton).toEqual(
      claude,
    );
  });

  it('creates mcpServers in a settings file without one, in its tab indentation, and removes it all', () => {
    const added = addJsonMcpServer(GEMINI_SETTINGS, gemini);
    expect(added.text).toMatch(/\n\t"mcpServers": \{\n\t\t"baton": \{/);
    expect((parse(added.text) as { mcpServers: unknown }).mcpServers).toEqual({
      baton: { command: 'baton', args: ['mcp'] },
    });
    expect(removeJsonMcpServer(added.text).text).toBe(GEMINI_SETTINGS);
  });

  it('writes a whole file when there is none', () => {
    const added = addJsonMcpServer('', claude);
    expect(JSON.parse(added.text)).toEqual({ mcpServers: { baton: claude } });
    expect(added.text.endsWith('}\n')).toBe(true);
  });

  it('edits a project entry of ~/.claude.json and keeps its empty mcpServers on removal', () => {
    const path = '/home/me/app';
    const userConfig = JSON.stringify(
      {
        numStartups: 3,
        projects: { [path]: { allowedTools: [], mcpServers: {} }, '/other': { mcpServers: {} } },
      },
      null,
      2,
    );
    const added = addJsonMcpServer(userConfig, claude, { under: ['projects', path] });
    const tree = parse(added.text) as { projects: Record<string, { mcpServers: object }> };
    expect(tree.projects[path]!.mcpServers).toEqual({ baton: claude });
    expect(tree.projects['/other']!.mcpServers).toEqual({});
    const removed = removeJsonMcpServer(added.text, {
      under: ['projects', path],
      dropEmptyContainer: false,
    });
    expect(removed.text).toBe(userConfig);
  });

  it('keeps CRLF line endings', () => {
    const crlf = MCP_JSON.replace(/\n/g, '\r\n');
    const added = addJsonMcpServer(crlf, claude);
    expect(added.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(removeJsonMcpServer(added.text).text).toBe(crlf);
  });

  it('reports no change when there is nothing to remove', () => {
    expect(removeJsonMcpServer(MCP_JSON)).toEqual({ text: MCP_JSON, changed: false });
    expect(removeJsonMcpServer('')).toEqual({ text: '', changed: false });
  });

  it('refuses to touch a file that is not a JSON object', () => {
    expect(() => addJsonMcpServer('{ "mcpServers": ', claude)).toThrow(/not a JSON object/);
    expect(() => addJsonMcpServer('[1, 2]', claude)).toThrow(/not a JSON object/);
  });

  it('gives back any JSON settings file exactly after add then remove', () => {
    const settings = fc.record({
      other: fc.dictionary(fc.string(), fc.jsonValue()),
      servers: fc.option(
        fc.dictionary(
          fc.string().filter((k) => k !== 'baton'),
          fc.jsonValue(),
        ),
      ),
      indent: fc.constantFrom(2, 4, '\t'),
    });
    fc.assert(
      fc.property(settings, ({ other, servers, indent }) => {
        const { mcpServers: _drop, ...rest } = other;
        const doc = servers === null ? rest : { ...rest, mcpServers: servers };
        const text = JSON.stringify(doc, null, indent) + '\n';
        const added = addJsonMcpServer(text, claude);
        expect((parse(added.text) as { mcpServers: { baton: unknown } }).mcpServers.baton).toEqual(
          claude,
        );
        const keepEmpty = servers !== null && Object.keys(servers).length === 0;
        expect(removeJsonMcpServer(added.text, { dropEmptyContainer: !keepEmpty }).text).toBe(text);
      }),
    );
  });
});
