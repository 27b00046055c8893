// Telling an agent that exited from one that crashed, for the sessions whose agent process capture
// recorded (`meta.agentProcess`: pid, start time in clock ticks since boot, boot id — read from
// Linux's /proc). Some clients end a session without a word: Codex 0.171's TUI leaves on `/exit`
// while its app-server daemon, which runs the hooks and writes the rollout, lives on, so no
// SessionEnd comes and nothing on disk changes. When the recorded process is gone (or its pid now
// names another process) and the session's last turn had ended, the agent exited; gone mid-turn, it
// crashed. Without /proc (macOS, Windows) the state is unknown and crash detection keeps its
// silence rule.
import { readFileSync } from 'node:fs';
import type { JsonObject, Session } from '../../core/index.js';
import type { EventExcerpt } from '../../store/index.js';

export interface RecordedProcess {
  pid: number;
  start: string;
  boot: string;
}

export type ProcessState = 'alive' | 'gone' | 'unknown';

/** The agent process capture recorded for the session, if any. */
export function recordedProcess(s: Pick<Session, 'meta'>): RecordedProcess | null {
  const p = s.meta.agentProcess as JsonObject | null | undefined;
  if (!p || typeof p !== 'object' || Array.isArray(p)) return null;
  const { pid, start, boot } = p;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 1) return null;
  if (typeof start !== 'string' || typeof boot !== 'string' || !start || !boot) return null;
  return { pid, start, boot };
}

/** Whether that very process (same boot, same start time) still runs; `proc` for tests. */
export function recordedProcessState(p: RecordedProcess, proc = '/proc'): ProcessState {
  let boot: string;
  try {
    boot = readFileSync(`${proc}/sys/kernel/random/boot_id`, 'utf8').trim();
  } catch {
    return 'unknown';
  }
  if (boot !== p.boot) return 'gone'; // Rebooted since: every process of that boot is gone.
  let stat: string;
  try {
    stat = readFileSync(`${proc}/${p.pid}/stat`, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unknown';
  }
  const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  return start === p.start ? 'alive' : 'gone'; // Another start time: the pid was reused.
}

const TURN_END_HOOKS = new Set(['Stop', 'AfterAgent']);

function endsTurn(e: EventExcerpt): boolean {
  if (e.kind !== 'system' || !e.data) return false;
  let data: unknown;
  try {
    data = JSON.parse(e.data);
  } catch {
    return false;
  }
  if (!data || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return (
    (typeof d.hook === 'string' && TURN_END_HOOKS.has(d.hook)) ||
    d.subtype === 'task_complete' ||
    d.type === 'agent-turn-complete'
  );
}

/**
 * Whether the session's last turn had ended, from its last events (as `activity.sessionTail` gives
 * them; `whole` when they are all the session has): no prompt is newer than the last turn end the
 * agent reported (a Stop or AfterAgent hook, Codex's `task_complete` or `agent-turn-complete`), or
 * the whole session holds no prompt at all. Hook and transcript copies interleave in the journal,
 * so the events are ordered by time.
 */
export function lastTurnEnded(tail: EventExcerpt[], whole: boolean): boolean {
  const byTime = [...tail].sort((a, b) => b.ts - a.ts || b.seq - a.seq);
  for (const e of byTime) {
    if (endsTurn(e)) return true;
    if (e.kind === 'user_message') return false;
  }
  return whole;
}
