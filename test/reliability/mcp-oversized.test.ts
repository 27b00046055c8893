// The MCP server never leaves on bad input: a 20 MB message through the real process is answered
// with a JSON-RPC error and the next request is served. (Before, any message over 10 MB made the
// server quit silently with exit 0.)
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BATON_BIN, tempHome } from '../e2e/run-baton.js';

const { home, cleanup } = tempHome();
afterAll(cleanup);

const line = (m: unknown) => `${JSON.stringify(m)}\n`;

describe('baton mcp and an oversized message', () => {
  it('answers a 20 MB message with an error and keeps serving', async () => {
    const child = spawn(process.execPath, [BATON_BIN, 'mcp'], {
      cwd: home,
      env: { PATH: process.env.PATH, HOME: home, BATON_HOME: home },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const replies: { id?: unknown; error?: { message: string }; result?: unknown }[] = [];
    let buffered = '';
    const got = (id: number) =>
      new Promise<void>((res) => {
        const check = () => {
          if (replies.some((r) => r.id === id)) res();
          else setTimeout(check, 20);
        };
        check();
      });
    child.stdout.on('data', (c: Buffer) => {
      buffered += c.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const l of lines) if (l.trim()) replies.push(JSON.parse(l) as (typeof replies)[0]);
    });
    const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    child.stdin.write(
      line({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'reliability', version: '1' },
        },
      }),
    );
    await got(1);
    child.stdin.write(line({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    const huge = 'x'.repeat(20 * 1024 * 1024);
    child.stdin.write(
      line({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'log', arguments: { text: huge } },
      }),
    );
    child.stdin.write(line({ jsonrpc: '2.0', id: 3, method: 'tools/list' }));
    await got(3);
    child.stdin.end();
    expect(await exited).toBe(0);
    const two = replies.find((r) => r.id === 2);
    expect(two?.error?.message).toMatch(/over the \d+-byte limit/);
    expect(replies.find((r) => r.id === 3)?.result).toBeDefined();
  });
});
