// Pins the Codex config.toml edits of Baton's MCP entry: appended as its own table after the user's
// tables and comments, idempotent, and removed so that the file is byte for byte what it was.
import * as TOML from '@decimalturn/toml-patch';
import { describe, expect, it } from 'vitest';
import { batonMcpEntry } from './mcp-entry.js';
import { addCodexMcpServer, codexMcpServer, removeCodexMcpServer } from './toml-mcp-config.js';

const baton = codexMcpServer(batonMcpEntry({ env: { BATON_LOG: 'warn' } }));

const CONFIG = `# Codex config
model = "o3"  # the model I pay for

[mcp_servers.context7]
command = "npx"
args = ["-y", "@upstash/context7-mcp"]
[mcp_servers.context7.env]
MY_ENV_VAR = "MY_ENV_VALUE"

# figma, remote
[mcp_servers.figma]
url = "https://mcp.figma.com/mcp"
bearer_token_env_var = "FIGMA_OAUTH_TOKEN"

[profiles.fast]
model = "gpt-4o" # cheap
`;

describe('addCodexMcpServer / removeCodexMcpServer', () => {
  it('appends [mcp_servers.baton] after the user tables and removes it byte-exactly', () => {
    const added = addCodexMcpServer(CONFIG, baton);
    expect(added.changed).toBe(true);
    expect(
      added.text.startsWith(CONFIG + '\n[mcp_servers.baton]\ncommand = "baton"\nargs = ["mcp"]\n'),
    ).toBe(true);
    expect(added.text).toContain('env_vars = ["BATON_HOME","BATON_SESSION"]');
    expect(added.text).toContain('[mcp_servers.baton.env]\nBATON_LOG = "warn"\n');
    const doc = TOML.parse(added.text) as {
      mcp_servers: Record<string, unknown>;
      profiles: unknown;
    };
    expect(Object.keys(doc.mcp_servers)).toEqual(['context7', 'figma', 'baton']);
    expect(doc.mcp_servers.baton).toEqual(baton);
    expect(removeCodexMcpServer(added.text)).toEqual({ text: CONFIG, changed: true });
  });

  it('is idempotent', () => {
    const once = addCodexMcpServer(CONFIG, baton);
    expect(addCodexMcpServer(once.text, baton)).toEqual({ text: once.text, changed: false });
  });

  it('updates an outdated entry in place, keeping the comments around it', () => {
    const old =
      CONFIG + '\n[mcp_servers.baton] # mine\ncommand = "/opt/old/baton"\nargs = ["mcp"]\n';
    const next = addCodexMcpServer(old, baton);
    expect(next.changed).toBe(true);
    expect(next.text.startsWith(CONFIG)).toBe(true);
    expect(
      (TOML.parse(next.text) as { mcp_servers: { baton: unknown } }).mcp_servers.baton,
    ).toEqual(baton);
  });

  it('adds to and removes from a config without mcp_servers, and an empty one', () => {
    for (const original of ['model = "o3"\n# trailing comment\n', '']) {
      const added = addCodexMcpServer(original, baton);
      expect(
        (TOML.parse(added.text) as { mcp_servers: { baton: unknown } }).mcp_servers.baton,
      ).toEqual(baton);
      expect(removeCodexMcpServer(added.text).text).toBe(original);
    }
  });

  it('keeps an [mcp_servers] header the user wrote', () => {
    const original = 'model = "o3"\n\n[mcp_servers]\n';
    const added = addCodexMcpServer(original, baton);
    expect(removeCodexMcpServer(added.text).text).toBe(original);
  });

  it('patches instead of appending where mcp_servers is an inline table', () => {
    const original = 'mcp_servers = { other = { command = "x" } }\n';
    const added = addCodexMcpServer(original, baton);
    const doc = TOML.parse(added.text) as { mcp_servers: Record<string, unknown> };
    expect(doc.mcp_servers.other).toEqual({ command: 'x' });
    expect(doc.mcp_servers.baton).toEqual(baton);
    expect(TOML.parse(removeCodexMcpServer(added.text).text)).toEqual(TOML.parse(original));
  });

  it('reports no change when Baton is not there, and refuses broken TOML', () => {
    expect(removeCodexMcpServer(CONFIG)).toEqual({ text: CONFIG, changed: false });
    expect(() => addCodexMcpServer('model = ', baton)).toThrow(/not valid TOML/);
  });
});

describe('removal gives back every byte the add found', () => {
  const plain = codexMcpServer(batonMcpEntry({}));
  it.each([
    ['no final newline', 'model = "x"\n\n[tools.update_plan]\nenabled = true'],
    ['trailing blank lines', 'model = "x"\n\n\n'],
    ['CRLF line ends', 'model = "x"\r\n[profiles.a]\r\nmodel = "y"\r\n'],
    ['a byte-order mark', '\uFEFFmodel = "x"\n'],
    ['other servers before', '[mcp_servers.other]\ncommand = "o"\n'],
  ])('%s', (_name, text) => {
    const added = addCodexMcpServer(text, plain);
    expect(added.changed).toBe(true);
    expect(removeCodexMcpServer(added.text).text).toBe(text);
  });
});
