// A fake model server on 127.0.0.1: every request is logged with its JSON body, the conversation's
// requests are answered from the test's script in the dialect's streaming format, side requests
// (title generation, routing, token counts) get the dialect's canned answers, the rest a 404.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Script } from './turns.js';
import type { LoggedRequest, ScriptedTurn, Turn } from './turns.js';

export interface ModelDialect {
  /** `main`: scripted; `side`: answered by `answer` with no turn; `unknown`: 404. */
  classify(request: LoggedRequest): 'main' | 'side' | 'unknown';
  answer(request: LoggedRequest, turn: Turn | undefined, res: ServerResponse): void;
}

export class FakeModelServer {
  readonly requests: LoggedRequest[] = [];
  private script = new Script([]);

  private constructor(
    private readonly server: Server,
    private readonly dialect: ModelDialect,
  ) {}

  static async start(dialect: ModelDialect): Promise<FakeModelServer> {
    const server = createServer();
    const fake = new FakeModelServer(server, dialect);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return fake;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Replaces the script: the next conversation requests take these turns in order. */
  scripted(turns: ScriptedTurn[], finalText?: string): this {
    this.script = new Script(turns, finalText);
    return this;
  }

  /** Turns of the current script not yet taken. */
  get remainingTurns(): number {
    return this.script.remaining;
  }

  /** The conversation's requests (not side requests) logged since `from`. */
  mainRequests(from = 0): LoggedRequest[] {
    return this.requests.slice(from).filter((r) => r.main);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const request: LoggedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: parseJson(raw),
      main: false,
    };
    this.requests.push(request);
    try {
      const kind = this.dialect.classify(request);
      if (kind === 'unknown') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"not found"}}');
        return;
      }
      request.main = kind === 'main';
      const turn = request.main ? this.script.next(request) : undefined;
      if (turn) request.answered = turn;
      this.dialect.answer(request, turn, res);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(error) } }));
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function parseJson(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** Writes one server-sent event (`event:` line only when named). */
export function sse(res: ServerResponse, data: unknown, event?: string): void {
  if (event) res.write(`event: ${event}\n`);
  res.write(`data: ${JSON.stringify(data)}\n\n`);
}

export function startSse(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
}

export function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
