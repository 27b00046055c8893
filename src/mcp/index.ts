// mcp: Baton's Model Context Protocol server — tools, resources and prompts over one project's
// memory, for agents without hooks and for agents acting on their memory mid-session. The server
// is a value (createMcpServer); stdio.ts is the only place it meets a transport. Search, the brief,
// the recovery prompt and checkpoints are injected (McpDeps).
export { createMcpServer } from './server.js';
export { serveStdio } from './stdio.js';
export type { StdioStreams } from './stdio.js';
export { recoverMemory } from './recover-memory.js';
export { BRIEF_MODES } from './deps.js';
export type * from './deps.js';
