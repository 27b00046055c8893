// The MCP server's one catch for failures: a BatonError becomes a tool error the model can act on (its
// message and hint), anything else an internal error that says so — and neither ends the server.
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { classifyError } from '../core/index.js';
import type { BatonError } from '../core/index.js';

const FIXABLE = new Set(['USAGE', 'NOT_FOUND', 'INVALID_INPUT']);

export function describeFailure(error: unknown): { text: string; fixable: boolean } {
  const e: BatonError = classifyError(error);
  if (FIXABLE.has(e.code)) {
    return { text: `${e.message}${e.hint ? ` — ${e.hint}` : ''}`, fixable: true };
  }
  if (e.code === 'INTERNAL') {
    return {
      text: `internal error in Baton: ${e.message} (a bug; the server is still running — report it)`,
      fixable: false,
    };
  }
  return { text: `${e.message}${e.hint ? ` — ${e.hint}` : ''}`, fixable: false };
}

export function toolError(error: unknown): CallToolResult {
  const { text } = describeFailure(error);
  return { content: [{ type: 'text', text }], isError: true };
}

/** For resources and prompts, whose failures travel as JSON-RPC errors. */
export function protocolError(error: unknown): McpError {
  const { text, fixable } = describeFailure(error);
  return new McpError(fixable ? ErrorCode.InvalidParams : ErrorCode.InternalError, text);
}
