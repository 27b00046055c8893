// mcp: Baton's Model Context Protocol server — tools, resources and prompts over one project's
// memory, for agents without hooks and for agents acting on their memory mid-session. The server
// is a value (createMcpServer, used by the tests); stdio.ts is the only place it meets a
// transport. Every write goes through src/operations; search, the brief and the recovery prompt
// are injected (McpDeps).
export { recoverMemory } from './recover-memory.js';
export { serveStdio } from './stdio.js';
export { createMcpServer } from './server.js';
export type { McpDeps } from './deps.js';
