// `baton mcp`'s entry (dist/mcp.cjs, loaded by bin/baton.js): one small CommonJS file that answers
// `initialize`, `tools/list` and `ping` from the listing written in by the build (lazy-front.ts),
// and loads the full server (dist/mcp-full.js: the CLI's `mcp` command) at the first message it
// does not answer itself. An agent waits for those first answers at the start of every session.
// It reads fd 0 and writes fd 1 directly until then: process.stdin/stdout load Node's net and tty
// machinery. Arguments other than --project/--session (e.g. --help) go straight to the full CLI.
// No top-level `node:module`: Node's public module builtin loads its ES module loader and source
// maps with it (mcp-entry.test pins what the entry loads).
import { closeSync, read, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import { fdWriter } from '../fd-writer.js';
import { LazyMcpFront } from './lazy-front.js';
import type { McpListing } from './listing.js';
import type * as McpFull from './mcp-full.js';
import type * as McpHookModule from './mcp-hook.js';

/** The listing (listing.ts) as JSON text, written in by the build. */
declare const __BATON_MCP_LISTING_JSON__: string;

const args = process.argv.slice(3);

/** Whether the arguments are the ones the front can leave for later (a --session, no --project). */
function plainArgs(list: string[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    if (a.startsWith('--session=')) continue;
    if (a === '--session' && i + 1 < list.length) {
      i++;
      continue;
    }
    // --project is checked at start by the full command, so a typo fails at once as before.
    return false;
  }
  return true;
}

function distUrl(file: string): string {
  return pathToFileURL(join(__dirname, file)).href;
}

async function loadFull(): Promise<typeof McpFull> {
  const module = (await import('node:module')) as { enableCompileCache?: () => unknown };
  module.enableCompileCache?.();
  return (await import(distUrl('mcp-full.js'))) as typeof McpFull;
}

/**
 * Writes to fd 1 (fd-writer.ts); if the pipe would block, process.stdout takes over (it waits for
 * room). A client that has stopped reading (EPIPE) gets nothing more, and what it sent is still
 * recorded: a hook event's spool write comes after its answer.
 */
const out = fdWriter(1, () => process.stdout);
const writeOut = (text: string) => void out.write(text);

type McpHook = typeof McpHookModule;
let mcpHook: McpHook | undefined;

/**
 * A Claude Code hook event sent to the hook tool: recorded by dist/mcp-hook.cjs, loaded at the
 * first such call (other agents never call it, so their server never loads it).
 */
function recordHook(args: unknown): string | undefined {
  mcpHook ??= process.getBuiltinModule('node:module').createRequire(__filename)(
    join(__dirname, 'mcp-hook.cjs'),
  ) as McpHook;
  return mcpHook.recordHook(args);
}

/**
 * What the shell front (dist/mcp.sh, mcp-sh.ts) hands over when it execs this entry: the lines it
 * answered that the full server must be told (`initialize`, `initialized`), then the line it did
 * not answer, on fd 3; BATON_MCP_FRONT says how many lines were answered and whether the last
 * had no newline (it came at the end of stdin). Undefined when started directly.
 */
function fromShellFront(): { answered: Buffer; pending: Buffer } | undefined {
  const said = process.env.BATON_MCP_FRONT;
  if (said === undefined) return undefined;
  delete process.env.BATON_MCP_FRONT;
  const [count, partial] = said.split(' ').map(Number);
  let text: Buffer;
  try {
    text = readFileSync(3);
    closeSync(3);
  } catch (error) {
    process.stderr.write(
      `baton mcp: cannot read what the shell front handed over: ${String(error)}\n`,
    );
    return undefined;
  }
  let at = 0;
  for (let i = 0; i < (count ?? 0); i++) at = text.indexOf(0x0a, at) + 1;
  // The here-document ends in a newline of its own after a last line that had none.
  const end = partial === 1 && text.at(-1) === 0x0a ? text.length - 1 : text.length;
  return { answered: text.subarray(0, at), pending: text.subarray(at, end) };
}

function serveLazily(): void {
  // Claude Code stops its MCP servers with SIGINT, right after a hook's answer: the default action
  // would end the process at once, perhaps before the spool write that follows the answer. Handled,
  // the signal waits for the current turn (where that write happens), then ends the process as
  // before.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => process.kill(process.pid, signal));
  const handedOver = fromShellFront();
  // The shell front has answered these already: the front reads them again, silently.
  let muted = false;
  const front = new LazyMcpFront(
    JSON.parse(__BATON_MCP_LISTING_JSON__) as McpListing,
    (text) => {
      if (!muted) writeOut(text);
    },
    async (stdin: Readable, stdout: Writable) => (await loadFull()).serveMcp(args, stdin, stdout),
    () => ({
      stdout: process.stdout,
      streams: process.getBuiltinModule('node:stream'),
    }),
    recordHook,
  );
  void front.done.then((code) => {
    process.exitCode = code;
  });
  if (handedOver) {
    muted = true;
    front.take(handedOver.answered);
    muted = false;
    front.take(handedOver.pending);
  }
  const buf = Buffer.alloc(64 * 1024);
  const next = (): void =>
    read(0, buf, 0, buf.length, null, (error, n) => {
      if (error) {
        // A non-blocking stdin (a terminal, some spawners): read it as a stream instead.
        if (error.code === 'EAGAIN') {
          process.stdin.on('data', (chunk: Buffer) => front.take(chunk));
          process.stdin.once('end', () => front.end());
          return;
        }
        front.end();
        return;
      }
      if (n === 0) {
        front.end();
        return;
      }
      front.take(buf.subarray(0, n));
      next();
    });
  next();
}

if (plainArgs(args)) serveLazily();
else
  import(distUrl('cli.js')).catch((error: unknown) => {
    process.stderr.write(`baton: cannot load dist/cli.js: ${String(error)}\n`);
    process.exitCode = 1;
  });
