// What a scripted model answers: a list of turns, taken in order by the requests that belong to
// the conversation under test (side requests such as title generation get canned answers).
// Each protocol encodes a turn in its own streaming format.

export interface ToolCall {
  name: string;
  input: Record<string, unknown>;
  /** The call's id; generated when left out. */
  id?: string;
  /** The tool's namespace, where the protocol groups tools (Codex's MCP servers: `mcp__baton`). */
  namespace?: string;
}

export interface Turn {
  text?: string;
  tools?: ToolCall[];
  /** Takes this turn only for a request this accepts (e.g. a subagent's); default: any main request. */
  when?: (request: LoggedRequest) => boolean;
}

/** A turn, or a function of the request that produced one (to answer with what the client offered). */
export type ScriptedTurn = Turn | ((request: LoggedRequest) => Turn);

export interface LoggedRequest {
  method: string;
  /** The path with its query. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** Whether the protocol judged it part of the conversation (and so scripted). */
  main: boolean;
  /** The turn answered, when scripted. */
  answered?: Turn;
}

/** The turns of one test, consumed in order; a request with none left gets `finalText`. */
export class Script {
  private readonly pending: ScriptedTurn[];

  constructor(
    turns: ScriptedTurn[],
    private readonly finalText = 'Done.',
  ) {
    this.pending = [...turns];
  }

  next(request: LoggedRequest): Turn {
    for (let i = 0; i < this.pending.length; i++) {
      const entry = this.pending[i]!;
      const turn = typeof entry === 'function' ? entry(request) : entry;
      if (turn.when && !turn.when(request)) continue;
      this.pending.splice(i, 1);
      return turn;
    }
    return { text: this.finalText };
  }

  get remaining(): number {
    return this.pending.length;
  }
}

let counter = 0;
/** A unique id with a protocol's prefix (`toolu_`, `call_`, …). */
export function freshId(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36).padStart(4, '0')}`;
}
