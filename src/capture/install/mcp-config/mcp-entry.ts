// Baton's MCP server as an agent's config names it: a command that starts `baton mcp` on stdio.
// Installers pick the command (a `baton` on PATH, or node and an absolute path to bin/baton.js).

export const BATON_MCP_NAME = 'baton';

export interface McpServerEntry {
  command: string;
  args: string[];
  /** Literal variables to set for the server. */
  env?: Record<string, string>;
  /**
   * Variables to pass through from the agent's environment under their own names. Only Codex
   * needs this (its servers get a short whitelist of the agent's variables): without BATON_HOME
   * the server would open another store than the hooks write to.
   */
  envVars?: string[];
}

export function batonMcpEntry(options: Partial<McpServerEntry> = {}): McpServerEntry {
  return {
    command: options.command ?? 'baton',
    args: options.args ?? ['mcp'],
    ...(options.env && { env: options.env }),
    envVars: options.envVars ?? ['BATON_HOME', 'BATON_SESSION'],
  };
}

export interface ConfigEdit {
  /** The whole new file text. */
  text: string;
  /** False when the file already said what was asked: nothing to write. */
  changed: boolean;
}
