// What Baton's MCP server answers to `initialize` and `tools/list`, taken from the real server: it
// is built with every tool and driven over the SDK's in-memory transport with raw JSON-RPC, so the
// answers are the very messages a client would read. The build writes them into the small MCP
// entry (dist/mcp.cjs, lazy-front.ts), which answers these two requests without loading the
// server; `test/e2e/mcp-entry.test.ts` fails if the two ever differ.
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import {
  LATEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js';
import { systemClock } from '../../core/index.js';
import type { Project } from '../../core/index.js';
import { createMcpServer } from '../../mcp/index.js';
import { VERSION } from '../version.js';

type McpDeps = Parameters<typeof createMcpServer>[0];

export interface McpListing {
  /** `initialize`'s result but its protocolVersion, which depends on the client's. */
  initialize: Record<string, unknown>;
  /**
   * The real server's reply (its `result` or `error`) to each of these requests sent without
   * parameters, once initialized: what a client asks as it connects.
   */
  replies: Record<string, { result?: unknown; error?: unknown }>;
  /** The protocol versions the server accepts as asked; any other gets `latest`. */
  protocolVersions: string[];
  latest: string;
}

/**
 * The requests answered from the listing. Claude Code asks `server/discover` (a newer protocol's
 * probe, which this server does not know) before `initialize`, and lists prompts and resources as
 * it connects; the resource list names only the brief, the same for every project
 * (src/mcp/resources.ts).
 */
export const LISTED_REQUESTS = [
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'ping',
  'server/discover',
] as const;

const unused = (what: string) => () => {
  throw new Error(`listing the MCP server needs no ${what}`);
};

/** Raw replies of the real server to `messages`, by request id. */
export async function rawReplies(
  deps: McpDeps,
  messages: JSONRPCMessage[],
): Promise<Map<string | number, Record<string, unknown>>> {
  const [client, server] = InMemoryTransport.createLinkedPair();
  const mcp = createMcpServer(deps);
  await mcp.connect(server);
  const wanted = messages.filter((m) => 'id' in m).length;
  const replies = new Map<string | number, Record<string, unknown>>();
  const all = new Promise<void>((done) => {
    client.onmessage = (m) => {
      if ('id' in m && m.id !== undefined) replies.set(m.id, m);
      if (replies.size === wanted) done();
    };
  });
  await client.start();
  for (const m of messages) await client.send(m);
  await all;
  await mcp.close();
  return replies;
}

/** Deps for a server that is only listed: nothing of the store or git is reached. */
export function listingDeps(): McpDeps {
  return {
    get store() {
      return unused('store')();
    },
    get project() {
      return { name: 'this project' } as unknown as Project;
    },
    sessionRef: null,
    clock: systemClock,
    git: null,
    version: VERSION,
  };
}

export async function mcpListing(): Promise<McpListing> {
  const replies = await rawReplies(listingDeps(), [
    {
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: LATEST_PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: 'baton-build', version: VERSION },
      },
    },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    ...LISTED_REQUESTS.map((method, i) => ({ jsonrpc: '2.0' as const, id: i + 1, method })),
  ]);
  const init = replies.get(0)?.result as Record<string, unknown> | undefined;
  if (!init) throw new Error('the MCP server did not answer initialize');
  const { protocolVersion: _negotiated, ...initialize } = init;
  const listed: McpListing['replies'] = {};
  LISTED_REQUESTS.forEach((method, i) => {
    const reply = replies.get(i + 1);
    if (!reply) throw new Error(`the MCP server did not answer ${method}`);
    listed[method] = 'error' in reply ? { error: reply.error } : { result: reply.result };
  });
  return {
    initialize,
    replies: listed,
    protocolVersions: [...SUPPORTED_PROTOCOL_VERSIONS],
    latest: LATEST_PROTOCOL_VERSION,
  };
}
