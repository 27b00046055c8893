// `baton mcp`: the server on stdin/stdout, for agents that launch MCP servers as child processes.
// stdout carries only protocol messages; the promise settles when the client closes the pipe.
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
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
  // The SDK does not notice a closed stdin by itself: without closing, the process never ends.
  // Requests read before the end are answered first (closing drops replies still on their way).
  let inFlight = 0;
  let ended = false;
  const closeWhenDone = () => {
    if (ended && inFlight === 0) void server.close();
  };
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    limited.once('end', () => {
      ended = true;
      closeWhenDone();
    });
  });
  await server.connect(transport);
  const receive = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    if ('method' in message && 'id' in message) inFlight++;
    receive?.(message);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message: JSONRPCMessage) => {
    try {
      await send(message);
    } finally {
      if (!('method' in message) && 'id' in message) {
        inFlight--;
        closeWhenDone();
      }
    }
  };
  await closed;
}
