// Pins the MCP server mounted at /mcp over streamable HTTP: the SDK's own client, on a real
// loopback socket, lists the tools and writes and reads a todo with the token; without it the
// guard refuses the connection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../core/index.js';
import { openMemoryStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { createApp } from './app.js';
import { mcpEndpoint } from './mcp-endpoint.js';
import { listen } from './server.js';
import type { Listening } from './server.js';

const TOKEN = 't'.repeat(43);
let store: Store;
let home: string;
let server: Listening;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'baton-mcp-http-'));
  store = openMemoryStore();
  store.projects.ensure({ key: 'k-web', root: '/work/web', remoteUrl: null, name: 'web' });
  const appFor = (port: number) =>
    createApp({
      store,
      clock: systemClock,
      env: {},
      home,
      token: TOKEN,
      port,
      importNow: () => Promise.resolve(null),
      mcp: mcpEndpoint(store, systemClock, {}),
    });
  server = await listen(appFor, 0);
});
afterAll(async () => {
  await server.close(100);
  store.close();
  rmSync(home, { recursive: true, force: true });
});

const connect = async (token: string | null) => {
  const url = new URL(`http://127.0.0.1:${server.port}/mcp?project=web`);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const client = new Client({ name: 'daemon-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
  return client;
};

describe('MCP at /mcp', () => {
  it('serves the tools to the SDK client, reading and writing the project memory', async () => {
    const client = await connect(TOKEN);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['todo_add', 'todo_list']));
    await client.callTool({ name: 'todo_add', arguments: { content: 'ship the daemon' } });
    const project = store.projects.get('web')!;
    expect(store.todos.list({ projectId: project.id, statuses: ['pending'] })).toEqual([
      expect.objectContaining({ content: 'ship the daemon' }),
    ]);
    const listed = await client.callTool({ name: 'todo_list', arguments: {} });
    expect(JSON.stringify(listed.content)).toContain('ship the daemon');
    await client.close();
  });

  it('refuses a client without the token', async () => {
    await expect(connect(null)).rejects.toThrow(/401|token/i);
    await expect(connect('x'.repeat(43))).rejects.toThrow(/401|token/i);
  });
});
