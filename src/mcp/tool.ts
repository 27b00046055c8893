// One MCP tool of Baton: its zod input (the SDK publishes it as JSON Schema and validates calls
// against it), a description an agent can act on, and `run`, which returns a readable text and the
// same content as structured data shaped by `output`. Registration wraps `run` so that no failure
// escapes. `output` types `run` and is checked by the tests, but is not advertised as the tool's
// outputSchema: the record shapes (ISO-time patterns and all) would triple the size of tools/list,
// which clients may put in front of the model on every turn.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { McpDeps } from './deps.js';
import { createToolCall } from './tool-call.js';
import type { ToolCall } from './tool-call.js';
import { toolError } from './tool-error.js';

export interface ToolReply<Data> {
  text: string;
  data: Data;
}

export interface BatonTool<
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
> {
  name: string;
  title: string;
  description: string;
  input: Input;
  output: Output;
  annotations: ToolAnnotations;
  run(
    args: z.output<Input>,
    call: ToolCall,
  ): ToolReply<z.input<Output>> | Promise<ToolReply<z.input<Output>>>;
}

/** Keeps each tool's types tied to its own schemas. */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  tool: BatonTool<Input, Output>,
): BatonTool<Input, Output> {
  return tool;
}

export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, openWorldHint: false };
export const ADDS: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: false,
};
export const SETS: ToolAnnotations = { ...ADDS, idempotentHint: true };
export const CHANGES: ToolAnnotations = { ...ADDS, destructiveHint: true };

export function registerBatonTool(server: McpServer, tool: BatonTool, deps: McpDeps): void {
  const clientName = () => server.server.getClientVersion()?.name;
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.input,
      annotations: { title: tool.title, ...tool.annotations },
    },
    async (args: unknown): Promise<CallToolResult> => {
      try {
        const reply = await tool.run(
          args as z.output<z.ZodObject>,
          createToolCall(deps, clientName),
        );
        return {
          content: [{ type: 'text', text: reply.text }],
          structuredContent: reply.data,
        };
      } catch (error) {
        return toolError(error);
      }
    },
  );
}
