// `baton mcp`: the server on stdin/stdout, for agents that launch MCP servers as child processes.
// stdout carries only protocol messages; the promise settles when the client closes the pipe.
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { McpDeps } from './deps.js';
import { MAX_MESSAGE_BYTES, MessageSizeLimit, oversizedReply } from './message-limit.js';
import { createMcpServer } from './server.js';

export interface StdioStreams {
  stdin: Readable;
  stdout: Writable;
}

export async function serveStdio(deps: McpDeps, streams: StdioStreams): Promise<void> {
  const server = createMcpServer(deps);
  // Oversized messages are answered here and never reach the SDK (message-limit.ts).
  const limited = streams.stdin.pipe(
    new MessageSizeLimit((bytes, id) =>
      streams.stdout.write(oversizedReply(bytes, id, MAX_MESSAGE_BYTES)),
    ),
  );
  const transport = new StdioServerTransport(limited, streams.stdout);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    // The SDK does not notice a closed stdin by itself: without this the process never ends.
    limited.once('end', () => void server.close());
  });
  await server.connect(transport);
  await closed;
}
