// The front of `baton mcp` (dist/mcp.cjs): an agent starts the MCP server with each session and
// waits for its answers to `initialize` and `tools/list` before it goes on, so this answers those
// (and the other requests in LISTED_REQUESTS) from the listing the build took from the real
// server (listing.ts), without
// loading the MCP SDK, zod, the store or the operations. The first message it does not answer
// itself — a tool call, a resource, a prompt, anything unusual, bad JSON, an oversized line —
// loads the full server and hands it the conversation: the `initialize` seen so far is replayed to
// it (so it knows the client, as it would have) and its reply to that is dropped; every later byte
// goes to the full server as the client sent it.
import type * as NodeStream from 'node:stream';
import type { PassThrough, Readable, Writable } from 'node:stream';
import type { McpListing } from './listing.js';
import { HOOK_TOOL } from '../../capture/index.js';

/** A line longer than this is not looked at here: the full server applies the real limit. */
const FRONT_LINE_BYTES = 256 * 1024;

type Id = string | number;

/** Starts the full server on these streams; settles with its exit code when it ends. */
export type StartFull = (stdin: Readable, stdout: Writable) => Promise<number>;

/** Node's stream module, asked for only at the hand-over (it is not free to load). */
export type Streams = Pick<typeof NodeStream, 'PassThrough' | 'Writable'>;

interface Request {
  jsonrpc: '2.0';
  id?: Id;
  method: string;
  params?: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isId = (v: unknown): v is Id =>
  typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));

/** A request or notification of the plain shape the front answers; else undefined. */
function plainMessage(line: string): Request | undefined {
  let m: unknown;
  try {
    m = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(m) || m.jsonrpc !== '2.0' || typeof m.method !== 'string') return undefined;
  if ('id' in m && !isId(m.id)) return undefined;
  if ('params' in m && !isObject(m.params)) return undefined;
  return m as unknown as Request;
}

/** `initialize`'s params as the SDK's schema takes them, in the plain form the front answers. */
function plainInitialize(params: Record<string, unknown> | undefined): boolean {
  if (!params || typeof params.protocolVersion !== 'string') return false;
  const { capabilities, clientInfo } = params;
  if (!isObject(capabilities) || !Object.values(capabilities).every(isObject)) return false;
  return (
    isObject(clientInfo) &&
    typeof clientInfo.name === 'string' &&
    typeof clientInfo.version === 'string'
  );
}

export class LazyMcpFront {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  /** What the full server is told first: the `initialize` and `initialized` already answered. */
  private replay: string[] = [];
  private initializeId: Id | undefined;
  private full: PassThrough | undefined;
  /** The real stdout, once the full server writes to it too. */
  private out: Writable | undefined;
  /** Inside an oversized line whose start went to the full server. */
  private passing = false;
  private ended = false;
  /** Settles with the exit code once stdin has ended (and the full server, if started, too). */
  readonly done: Promise<number>;
  private finish!: (code: number) => void;

  constructor(
    private readonly listing: McpListing,
    private readonly write: (text: string) => void,
    private readonly startFull: StartFull,
    /** The real stdout and the stream module, made only at the hand-over. */
    private readonly handOverWith: () => { stdout: Writable; streams: Streams },
    /**
     * Records a call of the agent's hook tool (its arguments); undefined when done, else why not.
     * Absent: the tool is not served (the full server answers it is unknown).
     */
    private readonly onHookCall?: (args: unknown) => string | undefined,
  ) {
    this.done = new Promise((resolve) => (this.finish = resolve));
  }

  /** Whether the full server has been started. */
  get loaded(): boolean {
    return this.full !== undefined;
  }

  /** Bytes from the client. */
  take(chunk: Buffer): void {
    if (this.full && !this.onHookCall) {
      this.full.write(chunk);
      return;
    }
    let at = 0;
    while (at < chunk.length) {
      const nl = chunk.indexOf(0x0a, at);
      if (this.passing) {
        // The rest of an oversized line, already handed to the full server.
        const end = nl < 0 ? chunk.length : nl + 1;
        this.full!.write(chunk.subarray(at, end));
        if (nl >= 0) this.passing = false;
        at = end;
        continue;
      }
      if (nl < 0) break;
      const piece = chunk.subarray(at, nl + 1);
      at = nl + 1;
      const line = this.bufferedBytes
        ? Buffer.concat([...this.buffered, piece])
        : Buffer.from(piece);
      this.buffered = [];
      this.bufferedBytes = 0;
      this.line(line);
      // Without hook calls to look for, the full server takes every byte from here on.
      if (this.full && !this.onHookCall) {
        if (at < chunk.length) this.full.write(chunk.subarray(at));
        return;
      }
    }
    if (at >= chunk.length) return;
    const rest = chunk.subarray(at);
    this.buffered.push(Buffer.from(rest));
    this.bufferedBytes += rest.length;
    if (this.bufferedBytes > FRONT_LINE_BYTES) {
      const pending = Buffer.concat(this.buffered);
      this.buffered = [];
      this.bufferedBytes = 0;
      if (this.full) this.full.write(pending);
      else this.handOver(pending);
      this.passing = true;
    }
  }

  /** The client closed stdin. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const last = Buffer.concat(this.buffered);
    this.buffered = [];
    this.bufferedBytes = 0;
    if (this.full) {
      if (last.length > 0) this.full.write(last);
      this.full.end();
      return;
    }
    // A last line without its newline is still a message to the full server (as to the SDK).
    if (last.length > 0 && last.toString().trim() !== '') {
      this.handOver(last);
      this.full!.end();
      return;
    }
    this.finish(0);
  }

  private line(bytes: Buffer): void {
    const text = bytes.toString('utf8');
    if (this.full) {
      if (!this.hookCall(text)) this.full.write(bytes);
      return;
    }
    if (text.trim() === '') return;
    if (this.hookCall(text)) return;
    const m = plainMessage(text);
    if (m && this.answer(m, text)) return;
    this.handOver(bytes);
  }

  /**
   * A call of the agent's hook tool (HOOK_TOOL), answered here before and after the hand-over:
   * the full server does not know the tool. True when `text` was one.
   */
  private hookCall(text: string): boolean {
    if (!this.onHookCall || !text.includes(HOOK_TOOL) || !text.includes('tools/call')) return false;
    const m = plainMessage(text);
    if (!m || m.method !== 'tools/call' || m.id === undefined || m.params?.name !== HOOK_TOOL)
      return false;
    // Answered first: the agent waits for the answer (Claude Code holds the prompt until its hook
    // has answered), not for the spool write or the worker's start, which follow in this same turn
    // (a signal's handler runs only after it), so the hook events stay in the order they came.
    const reply = `${JSON.stringify({ result: { content: [] }, jsonrpc: '2.0', id: m.id })}\n`;
    // After the hand-over, through the stream the full server writes to, so replies stay whole.
    if (this.out) this.out.write(reply);
    else this.write(reply);
    let failure: string | undefined;
    try {
      failure = this.onHookCall(m.params.arguments);
    } catch (error) {
      failure = String(error);
    }
    // Lost for now, not for good: the session's end imports the transcript, which holds it too.
    if (failure !== undefined)
      process.stderr.write(`baton mcp: hook event not recorded: ${failure}\n`);
    return true;
  }

  /** Answers `m` here when it is one the front knows; false hands it to the full server. */
  private answer(m: Request, text: string): boolean {
    const reply = (result: unknown) =>
      this.write(`${JSON.stringify({ result, jsonrpc: '2.0', id: m.id })}\n`);
    const noParams = m.params === undefined || Object.keys(m.params).every((k) => k === '_meta');
    if (m.method === 'initialize' && m.id !== undefined) {
      if (this.initializeId !== undefined || !plainInitialize(m.params)) return false;
      const asked = m.params!.protocolVersion as string;
      const { protocolVersions, latest } = this.listing;
      const protocolVersion = protocolVersions.includes(asked) ? asked : latest;
      this.initializeId = m.id;
      this.replay.push(text.endsWith('\n') ? text : `${text}\n`);
      reply({ protocolVersion, ...this.listing.initialize });
      return true;
    }
    if (m.method === 'notifications/initialized' && m.id === undefined) {
      this.replay.push(text.endsWith('\n') ? text : `${text}\n`);
      return true;
    }
    const listed = Object.hasOwn(this.listing.replies, m.method)
      ? this.listing.replies[m.method]
      : undefined;
    if (listed && m.id !== undefined && noParams) {
      this.write(`${JSON.stringify({ jsonrpc: '2.0', id: m.id, ...listed })}\n`);
      return true;
    }
    return false;
  }

  /** Starts the full server, replays what it must know, then passes it `first` and all after. */
  private handOver(first: Buffer): void {
    const { stdout, streams } = this.handOverWith();
    this.out = stdout;
    const input = new streams.PassThrough();
    this.full = input;
    for (const line of this.replay) input.write(line);
    input.write(first);
    this.startFull(input, replyFilter(this.initializeId, stdout, streams)).then(
      (code) => this.finish(code),
      (error: unknown) => {
        process.stderr.write(`baton mcp: ${(error as Error)?.stack ?? String(error)}\n`);
        this.finish(70);
      },
    );
  }
}

/**
 * The full server's stdout: its reply to the replayed `initialize` (the client has had it) is
 * dropped, everything else passes on line by line.
 */
export function replyFilter(
  initializeId: Id | undefined,
  out: Writable,
  streams: Streams,
): Writable {
  let dropping = initializeId !== undefined;
  let pending = '';
  return new streams.Writable({
    write(chunk: Buffer | string, _enc, done) {
      if (!dropping) {
        out.write(chunk, () => done());
        return;
      }
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      const kept = lines.filter((line) => {
        if (!dropping || line.trim() === '') return true;
        try {
          const m = JSON.parse(line) as { id?: unknown; method?: unknown };
          if (m.id === initializeId && m.method === undefined) {
            dropping = false;
            return false;
          }
        } catch {
          // Not ours to judge: passed on as written.
        }
        return true;
      });
      let text = kept.map((l) => `${l}\n`).join('');
      if (!dropping) {
        text += pending;
        pending = '';
      }
      if (text === '') done();
      else out.write(text, () => done());
    },
  });
}
