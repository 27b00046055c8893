// The one way every agent's hook runs, in two paths. Hot events (every tool call, every prompt)
// are spooled without touching SQLite (spool-write.ts). Everything else drains the spool, then
// hands the payload to the adapter's handler with the store open. Neither path ever fails the
// agent: an internal failure exits 0 after being written to Baton's hook log (and to the store's
// capture log when the store is reachable), so `baton doctor` can show it, and stdout carries
// nothing but what the handler returns.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { classifyError } from '../../core/index.js';
import type { Clock } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { BriefProvider, HookHandler, TriggerCallback } from '../adapter.js';
import { hookLogPath, hookSource } from './hook-names.js';
import type { Rec } from '../json-fields.js';

export interface HookWorld {
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  stderr: Writable;
  clock: Clock;
  /** Baton's home folder (the store, the spool and the hook log live there). */
  home: string;
  pid: number;
}

export interface HookDeps {
  handler: HookHandler;
  openStore: () => Store;
  /**
   * The store read-only, as one snapshot, for SessionStart's brief when the store stays busy: a
   * WAL reader never waits for a writer.
   */
  openSnapshot?: () => Store;
  brief: BriefProvider;
  /** The brief read from `openSnapshot` (it must not write); `brief` when absent. */
  snapshotBrief?: BriefProvider;
  onTrigger?: TriggerCallback;
}

const LOG_LIMIT = 1024 * 1024;

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The payload's `hook_event_name`, or a readable error when the payload is not a JSON object. */
export function parsePayload(text: string): { payload: Record<string, unknown>; event: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    throw new Error(
      // Its size only: the text may hold secrets, and the hook log is not redacted.
      `hook payload is not JSON (${text.length} bytes)`,
    );
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new Error('hook payload is not a JSON object');
  }
  // Codex's `notify` program names its event in `type` (`agent-turn-complete`).
  const p = payload as { hook_event_name?: unknown; type?: unknown };
  const name = p.hook_event_name ?? p.type;
  return {
    payload: payload as Record<string, unknown>,
    event: typeof name === 'string' ? name : 'unknown',
  };
}

/** How long a hook may spend replaying the spool before its own event (the rest waits). */
const DRAIN_BUDGET_MS = 1000;

/**
 * The store path: drain what hot hooks spooled, then handle this payload. Always resolves to 0.
 * When the store stays busy past the busy timeout, the payload is spooled (the next drain records
 * it, at the time it arrived) and SessionStart still prints its brief, from a read snapshot.
 */
export async function runHook(
  agent: string,
  payloadText: string,
  world: HookWorld,
  deps: HookDeps,
): Promise<number> {
  let store: Store | undefined;
  let event = 'unknown';
  let parsed: ReturnType<typeof parsePayload> | undefined;
  try {
    parsed = parsePayload(payloadText);
    event = parsed.event;
    const wiring = {
      env: world.env,
      brief: deps.brief,
      ...(deps.onTrigger && { onTrigger: deps.onTrigger }),
    };
    store = deps.openStore();
    // Loaded here, not at the top: spooled tool hooks import this file and never drain.
    const { drainSpool } = await import('./spool-drain.js');
    const drained = await drainSpool(store, world.home, wiring, {
      pid: world.pid,
      budgetMs: DRAIN_BUDGET_MS,
    });
    for (const f of drained.failed) logFailure(world, agent, 'spool', `${f.file}: ${f.message}`);
    const opened = store;
    const reply = await deps.handler(parsed.payload, {
      ...wiring,
      store: () => opened,
      clock: world.clock,
    });
    if (reply.stdout !== undefined) world.stdout.write(reply.stdout);
  } catch (error) {
    if (parsed && classifyError(error).code === 'STORE_LOCKED') {
      closeQuietly(store);
      store = undefined;
      await recordLater(agent, payloadText, parsed, world, deps);
    } else reportFailure(world, agent, event, error, store);
  } finally {
    closeQuietly(store);
  }
  return 0;
}

function closeQuietly(store: Store | undefined): void {
  try {
    store?.close();
  } catch {
    // Closing a store that failed to open fully: nothing left to do.
  }
}

/** The store stayed busy: spool the payload for the next drain; SessionStart's brief from a snapshot. */
async function recordLater(
  agent: string,
  payloadText: string,
  parsed: { payload: Record<string, unknown>; event: string },
  world: HookWorld,
  deps: HookDeps,
): Promise<void> {
  try {
    const { spoolHook } = await import('./spool-write.js');
    spoolHook(world.home, agent, payloadText, world.clock.now(), world.pid);
    logFailure(world, agent, parsed.event, 'the store was busy: spooled for the next drain');
  } catch (error) {
    reportFailure(world, agent, parsed.event, error);
  }
  if (parsed.event !== 'SessionStart' || !deps.openSnapshot) return;
  let snapshot: Store | undefined;
  try {
    snapshot = deps.openSnapshot();
    const { snapshotBriefReply } = await import('./hook-session.js');
    const reply = await snapshotBriefReply(
      snapshot,
      parsed.payload as Rec,
      {
        env: world.env,
        brief: deps.snapshotBrief ?? deps.brief,
        store: () => snapshot!,
        clock: world.clock,
      },
      agent,
    );
    if (reply.stdout !== undefined) world.stdout.write(reply.stdout);
  } catch (error) {
    reportFailure(world, agent, parsed.event, error);
  } finally {
    closeQuietly(snapshot);
  }
}

export function reportFailure(
  world: Pick<HookWorld, 'home' | 'clock' | 'env' | 'stderr'>,
  agent: string,
  event: string,
  error: unknown,
  store?: Store,
): void {
  const e = classifyError(error);
  logFailure(world, agent, event, e.message);
  try {
    store?.noteCapture(hookSource(agent), `${event}: ${e.message}`);
  } catch {
    // The store itself is what failed (locked, damaged): the log file has it.
  }
  if (world.env.BATON_DEBUG) world.stderr.write(`baton hook ${agent}: ${e.message}\n`);
}

/** Appends one line to $BATON_HOME/logs/hooks.log, keeping it under about a megabyte. */
export function logFailure(
  world: Pick<HookWorld, 'home' | 'clock'>,
  agent: string,
  event: string,
  message: string,
): void {
  try {
    const path = hookLogPath(world.home);
    mkdirSync(join(world.home, 'logs'), { recursive: true, mode: 0o700 });
    try {
      if (statSync(path).size > LOG_LIMIT) renameSync(path, `${path}.1`);
    } catch {
      // No log yet.
    }
    const line = `${new Date(world.clock.now()).toISOString()} ${agent} ${event} ${message.replace(/\s+/g, ' ')}\n`;
    appendFileSync(path, line, { mode: 0o600 });
  } catch {
    // Nowhere left to report to; the agent must still not notice.
  }
}
