// The MCP front on in-memory streams: what it answers itself, when it hands over, and that the full
// server then gets the conversation whole, in order, with its reply to the replayed initialize
// dropped. The built entry, with the real server and the SDK's client: test/e2e/mcp-entry.test.ts.
import * as streams from 'node:stream';
import { PassThrough, Writable } from 'node:stream';
import type { Readable } from 'node:stream';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { LazyMcpFront, replyFilter } from './lazy-front.js';
import type { McpListing } from './listing.js';

const LISTING: McpListing = {
  initialize: { capabilities: { tools: {} }, serverInfo: { name: 'baton', version: '9' } },
  replies: {
    'tools/list': { result: { tools: [{ name: 'search', inputSchema: { type: 'object' } }] } },
    ping: { result: {} },
    'server/discover': { error: { code: -32601, message: 'Method not found' } },
  },
  protocolVersions: ['2025-06-18', '2024-11-05'],
  latest: '2025-06-18',
};

const init = (id: number | string, version = '2024-11-05', extra: object = {}) =>
  JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'c', version: '1' } },
    ...extra,
  }) + '\n';
const initialized = '{"jsonrpc":"2.0","method":"notifications/initialized"}\n';
const list = (id: number) => `{"jsonrpc":"2.0","id":${id},"method":"tools/list"}\n`;
const call = (id: number) =>
  `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"search","arguments":{}}}\n`;

/** A front whose "full server" records what it reads and answers each line with `line`. */
function harness(onHookCall?: (args: unknown) => string | undefined) {
  const written: string[] = [];
  const fullRead: string[] = [];
  let starts = 0;
  const stdout = new Writable({
    write(chunk: Buffer, _e, done) {
      written.push(chunk.toString());
      done();
    },
  });
  const front = new LazyMcpFront(
    LISTING,
    (text) => written.push(text),
    (stdin: Readable, out: Writable) => {
      starts++;
      return new Promise<number>((resolve) => {
        let buffered = '';
        stdin.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop()!;
          for (const line of lines) {
            fullRead.push(line);
            let m: { id?: unknown } = {};
            try {
              m = JSON.parse(line) as { id?: unknown };
            } catch {
              // Bad input: the real server answers nothing either.
            }
            if (m.id !== undefined)
              out.write(`{"jsonrpc":"2.0","id":${JSON.stringify(m.id)},"result":"full"}\n`);
          }
        });
        stdin.on('end', () => {
          if (buffered) fullRead.push(buffered);
          resolve(3);
        });
      });
    },
    () => ({ stdout, streams }),
    onHookCall,
  );
  const replies = () =>
    written
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: unknown; result: unknown });
  return { front, written, fullRead, replies, starts: () => starts };
}

const hookCall = (id: number, args: object) =>
  JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'hook_event', arguments: args },
  }) + '\n';

describe("the lazy MCP front, an agent's hook tool", () => {
  it('answers hook calls itself before and after the hand-over; the full server never sees one', async () => {
    const seen: unknown[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    onTestFinished(() => stderr.mockRestore());
    const h = harness((args) => {
      seen.push(args);
      if ((args as { throws?: boolean }).throws) throw new Error('spool gone');
      return (args as { fail?: string }).fail;
    });
    h.front.take(Buffer.from(init(1) + initialized + hookCall(2, { hook_event_name: 'A' })));
    expect(h.front.loaded).toBe(false);
    h.front.take(Buffer.from(call(3) + hookCall(4, { hook_event_name: 'B' }).slice(0, 30)));
    expect(h.front.loaded).toBe(true);
    h.front.take(
      Buffer.from(
        hookCall(4, { hook_event_name: 'B' }).slice(30) +
          list(5) +
          hookCall(6, { fail: 'no' }) +
          hookCall(7, { throws: true }),
      ),
    );
    h.front.end();
    expect(await h.front.done).toBe(3);
    expect(seen).toEqual([
      { hook_event_name: 'A' },
      { hook_event_name: 'B' },
      { fail: 'no' },
      { throws: true },
    ]);
    expect(h.fullRead).toEqual([init(1), initialized, call(3), list(5)].map((l) => l.trim()));
    const byId = new Map(h.replies().map((r) => [r.id, r.result]));
    expect(byId.get(2)).toEqual({ content: [] });
    expect(byId.get(4)).toEqual({ content: [] });
    // Answered before it is recorded (the agent does not wait for the spool); a failure is said
    // on stderr, and the server serves on.
    expect(byId.get(6)).toEqual({ content: [] });
    expect(byId.get(7)).toEqual({ content: [] });
    expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual([
      'baton mcp: hook event not recorded: no\n',
      'baton mcp: hook event not recorded: Error: spool gone\n',
    ]);
    expect(byId.get(3)).toBe('full');
    expect(byId.get(5)).toBe('full');
  });

  it('leaves a call of another tool, and any hook call when it serves no hooks, to the full server', async () => {
    const h = harness();
    h.front.take(Buffer.from(init(1) + initialized + hookCall(2, { hook_event_name: 'A' })));
    h.front.end();
    await h.front.done;
    expect(h.fullRead).toEqual(
      [init(1), initialized, hookCall(2, { hook_event_name: 'A' })].map((l) => l.trim()),
    );
  });
});

describe('the lazy MCP front', () => {
  it('answers initialize and the listed requests itself, and ends with stdin without the server', async () => {
    const h = harness();
    h.front.take(
      Buffer.from(
        '{"jsonrpc":"2.0","id":"probe","method":"server/discover","params":{"_meta":{"a":1}}}\n' +
          init(1) +
          initialized +
          list(2) +
          '{"jsonrpc":"2.0","id":3,"method":"ping"}\n',
      ),
    );
    h.front.end();
    expect(await h.front.done).toBe(0);
    expect(h.starts()).toBe(0);
    expect(h.replies()).toEqual([
      { jsonrpc: '2.0', id: 'probe', error: { code: -32601, message: 'Method not found' } },
      { jsonrpc: '2.0', id: 1, result: { protocolVersion: '2024-11-05', ...LISTING.initialize } },
      { jsonrpc: '2.0', id: 2, result: LISTING.replies['tools/list']!.result },
      { jsonrpc: '2.0', id: 3, result: {} },
    ]);
  });

  it('answers an unknown protocol version with the latest, as the SDK does', async () => {
    const h = harness();
    h.front.take(Buffer.from(init('a', '1999-01-01')));
    h.front.end();
    await h.front.done;
    expect(h.replies()[0]).toMatchObject({ id: 'a', result: { protocolVersion: '2025-06-18' } });
  });

  it('reads messages split anywhere across chunks', async () => {
    const h = harness();
    const text = init(1) + initialized + list(2);
    for (let i = 0; i < text.length; i += 7) h.front.take(Buffer.from(text.slice(i, i + 7)));
    h.front.end();
    await h.front.done;
    expect(h.replies().map((r) => r.id)).toEqual([1, 2]);
  });

  it('hands a tool call to the full server after replaying initialize, and drops only that reply', async () => {
    const h = harness();
    h.front.take(Buffer.from(init(1) + initialized + list(2)));
    expect(h.front.loaded).toBe(false);
    h.front.take(Buffer.from(call(3) + list(4).slice(0, 10)));
    expect(h.front.loaded).toBe(true);
    h.front.take(Buffer.from(list(4).slice(10)));
    h.front.end();
    expect(await h.front.done).toBe(3);
    expect(h.starts()).toBe(1);
    expect(h.fullRead).toEqual([init(1), initialized, call(3), list(4)].map((l) => l.trim()));
    // 1 and 2 from the front; 3 and 4 from the full server; its answer to the replayed 1 dropped.
    expect(h.replies().map((r) => [r.id, r.result === 'full'])).toEqual([
      [1, false],
      [2, false],
      [3, true],
      [4, true],
    ]);
  });

  it('hands bad input to the full server as it came, to answer as the SDK does', async () => {
    for (const bad of [
      'this is not json\n',
      '{"jsonrpc":"1.0","id":2,"method":"tools/list"}\n',
      '{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{"cursor":"x"}}\n',
      '{"jsonrpc":"2.0","id":null,"method":"ping"}\n',
      init(2, '2025-06-18', { params: { protocolVersion: '2025-06-18', capabilities: {} } }),
      '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}\n',
    ]) {
      const h = harness();
      h.front.take(Buffer.from(init(1) + bad));
      expect(h.front.loaded, bad).toBe(true);
      h.front.end();
      await h.front.done;
      expect(h.fullRead[0], bad).toBe(init(1).trim());
      expect(h.fullRead[1], bad).toBe(bad.trim());
    }
  });

  it('hands a second initialize, and a last line without its newline, to the full server', async () => {
    const second = harness();
    second.front.take(Buffer.from(init(1) + init(2)));
    expect(second.front.loaded).toBe(true);
    const last = harness();
    last.front.take(Buffer.from(init(1) + call(2).trim()));
    expect(last.front.loaded).toBe(false);
    last.front.end();
    expect(await last.front.done).toBe(3);
    expect(last.fullRead).toEqual([init(1).trim(), call(2).trim()]);
  });

  it('hands a line too long to look at to the full server, unread', async () => {
    const h = harness();
    const huge = `{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"search","arguments":{"query":"${'x'.repeat(300_000)}"}}}\n`;
    h.front.take(Buffer.from(huge.slice(0, 280_000)));
    expect(h.front.loaded).toBe(true);
    h.front.take(Buffer.from(huge.slice(280_000)));
    h.front.end();
    await h.front.done;
    expect(h.fullRead).toEqual([huge.trim()]);
  });
});

describe('replyFilter', () => {
  it('drops the reply to the replayed initialize only, even split across writes', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const filter = replyFilter(7, out, streams);
    const lines = [
      '{"jsonrpc":"2.0","method":"notifications/message","params":{}}\n',
      '{"result":{},"jsonrpc":"2.0","id":7}\n',
      '{"result":{},"jsonrpc":"2.0","id":8}\n',
      '{"result":{},"jsonrpc":"2.0","id":7}\n',
    ].join('');
    for (let i = 0; i < lines.length; i += 5) filter.write(lines.slice(i, i + 5));
    await new Promise((done) => filter.end(done));
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { id?: number }).id),
    ).toEqual([undefined, 8, 7]);
  });
});
