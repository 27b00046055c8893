// A throw-away world for one agent story: a HOME the client reads its settings from, a BATON_HOME
// with the store, and a project folder; the built Baton CLI run in it, and what the store holds
// read back through the CLI's own `--json` and Events JSONL outputs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BATON_BIN = resolve(import.meta.dirname, '..', '..', '..', 'bin', 'baton.js');

export interface StoredSession {
  id: string;
  handle: string;
  agent: string;
  agentSessionId: string | null;
  status: 'active' | 'ended' | 'crashed';
  endReason: string | null;
  title: string | null;
  parentId: string | null;
  parentKind: string | null;
  eventCount: number;
}

export interface StoredEvent {
  session: string;
  kind: string;
  role?: string;
  tool?: string;
  text?: string;
  data?: Record<string, unknown>;
  ref: string;
  ts: string;
}

export interface StoredTodo {
  id: string;
  number: number;
  content: string;
  status: string;
  [key: string]: unknown;
}

export interface BatonRun {
  code: number;
  stdout: string;
  stderr: string;
}

export class AgentSandbox {
  readonly home: string;
  readonly batonHome: string;
  readonly project: string;

  constructor(readonly root: string) {
    this.home = join(root, 'home');
    this.batonHome = join(root, 'baton');
    this.project = join(root, 'work', 'greeter');
    mkdirSync(this.home, { recursive: true });
    mkdirSync(this.project, { recursive: true });
  }

  static create(prefix: string): AgentSandbox {
    return new AgentSandbox(mkdtempSync(join(tmpdir(), `baton-agent-${prefix}-`)));
  }

  /** The environment every process of the story starts from: nothing of this machine's HOME. */
  baseEnv(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      LANG: 'C.UTF-8',
      HOME: this.home,
      BATON_HOME: this.batonHome,
      TMPDIR: tmpdir(),
      NO_COLOR: '1',
      TERM: 'xterm-256color',
    };
  }

  /**
   * Every command first waits for the background work the agent's last hooks started (a turn's or
   * a session's end is replayed into the store by a detached worker after the hook returned).
   */
  baton(args: string[], env: NodeJS.ProcessEnv = {}): BatonRun {
    const settled = this.run(['hook', '--wait'], env);
    if (settled.code !== 0) return settled;
    return this.run(args, env);
  }

  private run(args: string[], env: NodeJS.ProcessEnv): BatonRun {
    const r = spawnSync(process.execPath, [BATON_BIN, ...args], {
      cwd: this.project,
      env: { ...this.baseEnv(), ...env },
      input: '',
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  batonJson<T>(args: string[]): T {
    const r = this.baton([...args, '--json']);
    if (r.code !== 0) throw new Error(`baton ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  }

  sessions(): StoredSession[] {
    return this.batonJson<StoredSession[]>([
      'session',
      'list',
      '--all-projects',
      '--limit',
      '1000',
    ]);
  }

  todos(): StoredTodo[] {
    return this.batonJson<StoredTodo[]>(['todo', 'list', '--all']);
  }

  /** Every event of the project (or of one session, by handle), in journal order. */
  events(session?: string): StoredEvent[] {
    const args = ['export', '--format', 'events', '--all-projects'];
    if (session) args.push('--session', session);
    const r = this.baton(args);
    if (r.code !== 0) throw new Error(`baton export failed (${r.code}): ${r.stderr}`);
    return r.stdout
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('{"record":')) // records follow the events
      .map((l) => JSON.parse(l) as StoredEvent);
  }

  /** The bytes of a file, or undefined when it does not exist. */
  bytes(path: string): Buffer | undefined {
    return existsSync(path) ? readFileSync(path) : undefined;
  }

  /** With BATON_AGENT_KEEP=1, writes `value` as JSON into the sandbox, to inspect a failure. */
  keepNote(name: string, value: unknown): void {
    if (process.env.BATON_AGENT_KEEP === '1')
      writeFileSync(join(this.root, name), JSON.stringify(value, null, 1));
  }

  dispose(): void {
    // The background work the last hooks started writes here until it is done.
    this.run(['hook', '--wait'], {});
    // An agent's MCP server or hook may still be finishing a write as the client exits.
    rmSync(this.root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

/** Removes the sandbox, or with BATON_AGENT_KEEP=1 keeps it and says where (to inspect a failure). */
export function keepOrDispose(box: AgentSandbox | undefined): void {
  if (!box) return;
  if (process.env.BATON_AGENT_KEEP === '1') console.warn(`agent sandbox kept: ${box.root}`);
  else box.dispose();
}
