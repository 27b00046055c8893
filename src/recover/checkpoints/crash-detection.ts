// Crash detection, run by any command that looks at sessions (resume, session list, the daemon):
// an active session whose agent process is gone — when its pid is known and on this machine — or
// that has been silent longer than a threshold is marked crashed, and gets an emergency checkpoint
// from its last events so the next brief can say what it was doing when it died. A session whose
// agent process capture recorded with its start time (agent-exit.ts) is judged by that process
// alone: gone after its last turn ended, the agent exited and the session is ended (`exited`);
// gone mid-turn, it crashed; alive, it is left alone however long it is silent.
import type { Checkpoint, Session } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { span } from '../brief/brief-text.js';
import { createCheckpoint } from './checkpoints.js';
import { lastTurnEnded, recordedProcess, recordedProcessState } from './agent-exit.js';
import type { GitRunner } from '../../git/index.js';

/** Without a process to ask, a session silent this long is taken for dead. */
export const DEFAULT_SILENCE_MS = 2 * 3_600_000;
/** A live pid this silent is more likely a reused pid (after a reboot) than a live agent. */
const PID_REUSE_MS = 24 * 3_600_000;

export interface CrashDetectionOptions {
  now: number;
  /** Whether a process is alive on this machine (default: signal 0). */
  isAlive?: (pid: number) => boolean;
  silenceMs?: number;
  /** Only this project's sessions. */
  projectId?: string;
  /** For the emergency checkpoint's dirty files; null skips git status. */
  git?: GitRunner | null;
  /** Where Linux's /proc is (tests). */
  proc?: string;
  /**
   * A session not judged: the one whose start is being recorded. A start replayed from the spool
   * after its agent has exited (the shell spooled it: capture/install/prepared-start.ts) must not
   * end its own session before the session's later payloads are replayed.
   */
  except?: string;
}

/** The end reason of a session whose agent exited after its last turn, without a word. */
export const EXITED_REASON = 'exited';

/** How many of a session's last events are read to tell whether its last turn had ended. */
const TURN_TAIL = 200;

export interface CrashReport {
  session: Session;
  reason: string;
  checkpoint: Checkpoint | null;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why the session is dead, or null while it may still be alive. */
export function crashReason(
  s: Session,
  opts: { now: number; machineId: string; silenceMs: number; isAlive: (pid: number) => boolean },
): string | null {
  const silent = opts.now - s.lastActivityAt;
  const localPid = s.pid !== null && s.pid > 0 && s.machineId === opts.machineId;
  if (localPid) {
    if (!opts.isAlive(s.pid!)) return `agent process ${s.pid} is gone`;
    return silent > PID_REUSE_MS ? `silent for ${span(silent)}` : null;
  }
  return silent > opts.silenceMs ? `silent for ${span(silent)}` : null;
}

function markCrashed(store: Store, s: Session, reason: string): Session | null {
  return store.transaction(() => {
    const fresh = store.sessions.get(s.id);
    // Another process may have ended it (or marked it) since we looked.
    if (!fresh || fresh.status !== 'active') return null;
    return store.sessions.update(s.id, {
      status: 'crashed',
      endedAt: fresh.lastActivityAt,
      endReason: `crashed: ${reason}`,
    });
  });
}

type AgentExit = { state: 'alive' } | { state: 'exited' } | { state: 'crashed'; reason: string };

/**
 * What the recorded agent process says: alive, exited (gone after its last turn), crashed (gone
 * mid-turn), or null when there is none to ask (no record, another machine, no /proc).
 */
function agentExit(
  store: Store,
  s: Session,
  machineId: string,
  proc: string | undefined,
): AgentExit | null {
  const recorded = s.machineId === machineId ? recordedProcess(s) : null;
  if (!recorded) return null;
  const state = recordedProcessState(recorded, proc);
  if (state === 'unknown') return null;
  if (state === 'alive') return { state };
  const tail = store.activity.sessionTail(s.id, {
    upToSeq: Number.MAX_SAFE_INTEGER,
    limit: TURN_TAIL,
    textCap: 0,
  });
  return lastTurnEnded(tail, tail.length < TURN_TAIL)
    ? { state: 'exited' }
    : { state: 'crashed', reason: `agent process ${recorded.pid} is gone mid-turn` };
}

function markExited(store: Store, s: Session, opts: CrashDetectionOptions): void {
  const ended = store.transaction(() => {
    const fresh = store.sessions.get(s.id);
    if (!fresh || fresh.status !== 'active') return null;
    return store.sessions.update(s.id, {
      status: 'ended',
      endedAt: fresh.lastActivityAt,
      endReason: EXITED_REASON,
    });
  });
  if (!ended) return;
  createCheckpoint(store, {
    session: ended.id,
    trigger: 'session-end',
    label: null,
    now: opts.now,
    ...(opts.git !== undefined && { git: opts.git }),
  });
}

/** An active session detectCrashes would change: ended because its agent exited, or crashed. */
export type SessionVerdict = { session: Session } & (
  { state: 'exited' } | { state: 'crashed'; reason: string }
);

/** The active sessions detectCrashes would end or mark crashed, with why; reads only. */
export function crashCandidates(
  store: Store,
  opts: Omit<CrashDetectionOptions, 'git'>,
): SessionVerdict[] {
  const rules = {
    now: opts.now,
    machineId: store.info.machineId,
    silenceMs: opts.silenceMs ?? DEFAULT_SILENCE_MS,
    isAlive: opts.isAlive ?? processIsAlive,
  };
  const active = store.sessions.list({
    status: 'active',
    ...(opts.projectId !== undefined && { projectId: opts.projectId }),
  });
  const found: SessionVerdict[] = [];
  for (const s of active) {
    if (s.id === opts.except) continue;
    const exit = agentExit(store, s, rules.machineId, opts.proc);
    if (exit?.state === 'alive') continue;
    if (exit?.state === 'exited') {
      found.push({ session: s, state: 'exited' });
      continue;
    }
    const reason = exit?.reason ?? crashReason(s, rules);
    if (reason) found.push({ session: s, state: 'crashed', reason });
  }
  return found;
}

export function detectCrashes(store: Store, opts: CrashDetectionOptions): CrashReport[] {
  const reports: CrashReport[] = [];
  for (const verdict of crashCandidates(store, opts)) {
    const s = verdict.session;
    if (verdict.state === 'exited') {
      markExited(store, s, opts);
      continue;
    }
    const reason = verdict.reason;
    const crashed = markCrashed(store, s, reason);
    if (!crashed) continue;
    const checkpoint = createCheckpoint(store, {
      session: crashed.id,
      trigger: 'crash',
      label: null,
      now: opts.now,
      ...(opts.git !== undefined && { git: opts.git }),
    });
    reports.push({ session: crashed, reason, checkpoint });
  }
  return reports;
}

/**
 * A session marked crashed that shows activity again (the user came back after a long pause, or
 * another machine's pid looked gone) is alive after all: capture calls this when it records
 * activity for a session, and the session is active again. Returns whether it was revived.
 */
export function reviveIfCrashed(store: Store, sessionId: string): boolean {
  const s = store.sessions.get(sessionId);
  if (!s || s.status !== 'crashed') return false;
  store.sessions.update(s.id, { status: 'active', endedAt: null, endReason: null });
  return true;
}
