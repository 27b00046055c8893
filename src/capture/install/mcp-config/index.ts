// capture/install/mcp-config: the pure edits that register Baton's MCP server in each agent's own
// config — Claude Code and Gemini CLI (JSON `mcpServers`) and Codex (TOML `[mcp_servers]`) — for
// the installers: idempotent, and removal leaves the rest of the file byte for byte as it was.
export { BATON_MCP_NAME, batonMcpEntry } from './mcp-entry.js';
export type { ConfigEdit, McpServerEntry } from './mcp-entry.js';
export {
  addJsonMcpServer,
  claudeMcpServer,
  geminiMcpServer,
  removeJsonMcpServer,
} from './json-mcp-config.js';
export type { JsonMcpLocation, JsonMcpRemoval } from './json-mcp-config.js';
export { addCodexMcpServer, codexMcpServer, removeCodexMcpServer } from './toml-mcp-config.js';
export { agentMcpConfigs } from './agent-mcp-files.js';
export type { AgentMcpConfigs } from './agent-mcp-files.js';
