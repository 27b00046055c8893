// The MCP server on the daemon, over streamable HTTP (the SDK's web-standard transport, which
// takes a Fetch Request and answers a Response — what hono hands a route). Stateless: each request
// gets a fresh server for the project `?project=` names (or the X-Baton-Project header), so no
// session state lives in the daemon and a client needs nothing but the token the guard checks.
// The server and the SDK are loaded at the first request, not at start: a daemon no MCP client
// talks to does not hold them (about 7 MB of its resident memory).
import type { Clock } from '../core/index.js';
import { createGitRunner } from '../recover/index.js';
import type { Store } from '../store/index.js';

export function mcpEndpoint(
  store: Store,
  clock: Clock,
  env: NodeJS.ProcessEnv,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const ref = url.searchParams.get('project') ?? request.headers.get('x-baton-project');
    const project = ref ? store.projects.get(ref) : null;
    if (!project) {
      const message = ref
        ? `no project "${ref}"`
        : 'name the project: /mcp?project=<id, key, folder or name>';
      return Response.json(
        { error: { code: ref ? 'NOT_FOUND' : 'USAGE', message } },
        { status: ref ? 404 : 400 },
      );
    }
    const [{ createMcpServer }, { WebStandardStreamableHTTPServerTransport }] = await Promise.all([
      import('../mcp/index.js'),
      import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'),
    ]);
    const server = createMcpServer({
      store,
      project,
      sessionRef: url.searchParams.get('session'),
      clock,
      git: createGitRunner({ env }),
    });
    // No session id generator: the stateless mode.
    const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
    await server.connect(transport);
    const response = await transport.handleRequest(request);
    void server.close();
    return response;
  };
}
