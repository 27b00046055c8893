// The agent process a hook runs for, found through Linux's /proc and recorded by SessionStart in the
// session's meta (`agentProcess`), so crash detection can tell a session whose agent has exited
// from one still running. A pid alone is not enough: pids are reused, so the process's start time
// (clock ticks since boot, field 22 of /proc/<pid>/stat) and the boot id are recorded with it.
// Where /proc is missing (macOS, Windows) nothing is recorded and crash detection keeps its
// silence rule (docs/agents.md).
import { readdirSync, readFileSync } from 'node:fs';
import type { JsonObject } from '../core/index.js';

export interface AgentProcess {
  pid: number;
  /** Start time in clock ticks since boot, as /proc writes it. */
  start: string;
  /** /proc/sys/kernel/random/boot_id: a start time means nothing after a reboot. */
  boot: string;
}

interface ProcEntry {
  pid: number;
  ppid: number;
  start: string;
  argv: string[];
}

export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'fish']);

export const programName = (argv: string[]): string => (argv[0] ?? '').split('/').pop() ?? '';

function readEntry(proc: string, pid: number): ProcEntry | null {
  try {
    const stat = readFileSync(`${proc}/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces and ')'.
    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const argv = readFileSync(`${proc}/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid: Number(after[1]), start: after[19] ?? '', argv };
  } catch {
    return null;
  }
}

export interface AgentProcessRule {
  /** A process between the hook and the agent (a shell, Codex's app-server): look past it. */
  between: (argv: string[]) => boolean;
  /** What the agent's own process looks like. */
  isAgent: (argv: string[]) => boolean;
  /**
   * When a process was looked past, the agent is the one that started it only if no other process
   * of the agent runs: a shared server's parent may be another client (then nothing is recorded).
   */
  soleClientPast?: (argv: string[], env: () => Record<string, string>) => boolean;
  /** Another /proc, for tests. */
  proc?: string;
}

/**
 * The agent process above `from` (the hook's parent pid), or null when it cannot be told for sure:
 * no /proc, an unexpected process in between (a hook replayed by a background worker), the agent
 * process not found, or a shared server with more than one client running.
 */
export function findAgentProcess(from: number, rule: AgentProcessRule): AgentProcess | null {
  const proc = rule.proc ?? '/proc';
  let boot: string;
  try {
    boot = readFileSync(`${proc}/sys/kernel/random/boot_id`, 'utf8').trim();
  } catch {
    return null;
  }
  let pastServer = false;
  let pid = from;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    const entry = readEntry(proc, pid);
    if (!entry) return null;
    if (SHELLS.has(programName(entry.argv)) || rule.between(entry.argv)) {
      if (rule.between(entry.argv)) pastServer = true;
      pid = entry.ppid;
      continue;
    }
    if (!rule.isAgent(entry.argv)) return null;
    if (
      pastServer &&
      rule.soleClientPast &&
      otherClientRuns(proc, entry.pid, rule.soleClientPast)
    ) {
      return null;
    }
    return { pid: entry.pid, start: entry.start, boot };
  }
  return null;
}

function otherClientRuns(
  proc: string,
  self: number,
  isClient: NonNullable<AgentProcessRule['soleClientPast']>,
) {
  let names: string[];
  try {
    names = readdirSync(proc);
  } catch {
    return true; // Cannot look: not sure.
  }
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 1 || pid === self) continue;
    let argv: string[];
    try {
      argv = readFileSync(`${proc}/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      continue; // Gone since the listing, or not ours to read.
    }
    if (isClient(argv, () => readEnv(proc, pid))) return true;
  }
  return false;
}

function readEnv(proc: string, pid: number): Record<string, string> {
  const env: Record<string, string> = {};
  try {
    for (const pair of readFileSync(`${proc}/${pid}/environ`, 'utf8').split('\0')) {
      const at = pair.indexOf('=');
      if (at > 0) env[pair.slice(0, at)] = pair.slice(at + 1);
    }
  } catch {
    // Another user's process: its environment is not ours to read.
  }
  return env;
}

/**
 * The form SessionStart records in the session's meta; null when not known, so a resumed session
 * never keeps the process of an earlier run.
 */
export const agentProcessMeta = (p: AgentProcess | null): JsonObject => ({
  agentProcess: p ? { pid: p.pid, start: p.start, boot: p.boot } : null,
});
