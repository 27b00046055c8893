// mcp: Baton's Model Context Protocol server — tools, resources and prompts over one project's
// memory, for agents without hooks and for agents acting on their memory mid-session. The server
// is a value (createMcpServer); stdio.ts is the only place it meets a transport. Every tool,
// resource and prompt is a thin adapter over src/operations.
export { serveStdio } from './stdio.js';
export { createMcpServer } from './server.js';
