// The server on an in-memory store, connected to the SDK's own client through InMemoryTransport,
// for the tests of the server and its tools. Clients opened here are closed by closeClients().
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { fixedClock } from '../core/index.js';
import { createCheckpoint } from '../recover/index.js';
import { openMemoryStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import type { McpDeps, TriggerEvent } from './deps.js';
import { createMcpServer } from './server.js';
import { seedProject } from './tool-cases.fixture.js';
import type { Seeded } from './tool-cases.fixture.js';

export const NOW = Date.parse('2026-03-05T09:00:00Z');
const open: Client[] = [];

export async function closeClients(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.close()));
}

/**
 * `serve` lets a test put something between the server and the seeded store (a store whose reads
 * fail, say); the test itself keeps the real one.
 */
export async function setup(overrides: Partial<McpDeps> = {}, serve?: (store: Store) => Store) {
  const clock = fixedClock(NOW, 1000);
  const store = openMemoryStore(clock);
  const project = store.projects.ensure({
    key: 'path:/app',
    root: '/app',
    remoteUrl: null,
    name: 'app',
  });
  const base = seedProject(store, project);
  const session = store.sessions.get(base.sessionHandle)!;
  const checkpoint = createCheckpoint(store, {
    session: session.id,
    label: 'seeded',
    trigger: 'manual',
    now: NOW,
    git: null,
  });
  const seeded: Seeded = { ...base, checkpointHandle: checkpoint.handle };
  const triggers: TriggerEvent[] = [];
  const deps: McpDeps = {
    store: serve ? serve(store) : store,
    project,
    sessionRef: null,
    clock,
    git: null,
    onTrigger: (_s, e) => void triggers.push(e),
    ...overrides,
  };
  const server = createMcpServer(deps);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  await server.connect(serverSide);
  await client.connect(clientSide);
  open.push(client);
  const call = async (name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { store, project, seeded, client, call, triggers };
}

export const resourceText = (r: { contents: ({ text: string } | { blob: string })[] }) =>
  r.contents.map((c) => ('text' in c ? c.text : '')).join('\n');
export const textOf = (r: CallToolResult) =>
  r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
export const data = <T = Record<string, unknown>>(r: CallToolResult) => r.structuredContent as T;
