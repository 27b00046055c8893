// Builds Baton's MCP server as a value: tools, resources and prompts over one project's memory.
// It listens on nothing; stdio.ts (and later the daemon) connects it to a transport.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpDeps } from './deps.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { registerBatonTool } from './tool.js';
import { ALL_TOOLS } from './tools/all-tools.js';

const INSTRUCTIONS = `Baton is this project's memory across agent sessions. Start or resume work with resume_brief.
Keep the memory true as you work: todo_add / todo_update for the plan, decision_record for choices and their reasons, context_set for facts every session must know, checkpoint_create before risky steps. Find past work with search, then timeline or get_session.
Outputs are small by default; each tool says how to page for more. Pass your Baton session handle as session when you know it.`;

export function createMcpServer(deps: McpDeps): McpServer {
  const server = new McpServer(
    { name: 'baton', title: 'Baton', version: deps.version ?? '0.0.0' },
    {
      capabilities: { tools: {}, resources: {}, prompts: {} },
      instructions: INSTRUCTIONS,
    },
  );
  for (const tool of ALL_TOOLS) registerBatonTool(server, tool, deps);
  registerResources(server, deps);
  registerPrompts(server, deps);
  return server;
}
