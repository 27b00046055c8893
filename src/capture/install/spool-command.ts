// A hook command that spools its payload with the shell alone: no Node process starts while the
// agent runs it. It is what Baton installs for the hooks whose answer the agent does not read
// (Codex's prompt, turn and session ends and its `notify` program; Gemini's all but SessionStart;
// Claude Code's SessionEnd). On two cores every Node start (~100 ms of CPU) is taken from the
// agent itself, even when the agent does not wait for it.
//
// What the shell writes is a spool file the drain reads like any other (spool-crypt.ts): a header
// line `{"agent":…,"receivedAt":<ms>,"from":"sh"}`, then the payload exactly as the agent sent it.
// The shell cannot encrypt, so this one kind rests in plain text (0600, in the 0700 spool) until a
// drain replays it; a drain that has to keep it (the store busy, or a payload it cannot read)
// seals it first (spool-crypt.ts `sealPlainSpooled`). The agent's own transcript holds the same text
// in plain text meanwhile.
// - Atomic: written under `.<name>.tmp`, then renamed to `<name>.hook`, so no drain ever reads half
//   a file. Names sort like the Node hook's (`<ms>-<pid>-<n>-<rand>`): time first.
// - A payload that cannot be written (a full disk, a spool that is not a folder) is dropped with a
//   line in logs/hooks.log when that can be written, and the command still exits 0 at once: the
//   agent's own transcript keeps the text, and the next sweep of that session (its session end's,
//   or `baton import`) reads it from there.
// - Which work starts when (`worker`): `now` (Gemini's manual compression) starts the spool's
//   worker at once, detached, at the lowest CPU priority, unless a live worker holds the drain lock
//   (it drains this payload before it exits; BATON_BACKGROUND_NICE chooses another nice value);
//   `exit` (a session's end) does the same only once the agent has exited, so the worker's Node
//   start does not compete with the agent's own exit: a detached `sh` at that priority polls
//   `kill -0` on the agent (the hook shell's parent) every 0.1 s, for BATON_EXIT_WAIT seconds (3)
//   at most (an agent that lives on: Claude Code's `/clear`, Codex's TUI app-server), then becomes
//   the worker (`exec`, same pid) — unless the payload was drained meanwhile (a next
//   SessionStart's worker) or a live worker holds the lock. It is noted as a worker from the start;
//   `later` (a turn's end) starts none now —
//   a sleeping shell looks again after BATON_SPOOL_DELAY seconds (5) and starts one only if the
//   payload is still waiting (in `codex exec` or `gemini -p` the session's end has drained it by
//   then); `none` (a prompt, a tool event) only spools, as the Node hook does for them.
// Started workers are noted in spool/workers/<pid> like those the Node hook starts, so
// `baton hook --wait` and SessionStart see them. With BATON_HOOK_SPOOL=0 or BATON_HOOK_BACKGROUND=0
// the shell hands the event to the Node hook instead, which then handles it against the store.
import { SPOOL_SUFFIX } from '../hooks/spool-write.js';
import { WORKER_LOCK, workersDir } from '../hooks/spool-background.js';
import { literal, quoted } from './shell-words.js';

export type SpoolWorker = 'exit' | 'now' | 'later' | 'none';

export interface SpoolCommandOptions {
  agent: string;
  /** The hook event the command is registered for (named in the log line of a failed write). */
  event: string;
  /** Baton's home as resolved at install; `$BATON_HOME` overrides it when the hook runs. */
  home: string;
  /** How Baton is started (`"<node>" "<bin/baton.js>"`), for the worker. */
  batonCommand: string;
  /** Printed after spooling, when the agent requires an answer (Codex's Stop: `{}`). */
  reply?: string;
  worker: SpoolWorker;
}

/** Seconds a turn's end waits before starting a worker for its payload, when none drained it. */
export const SPOOL_DELAY_S = 5;

/** Seconds a session's end waits at most for its agent to exit before starting the worker. */
export const EXIT_WAIT_S = 3;

/**
 * The waiting process of the `exit` form, as one fixed `sh -c` script: its arguments are the agent's
 * pid, the payload's path, the drain lock's path, how many tenths of a second to wait at most, the
 * workers' folder (its note is removed when it has nothing to do), then Baton's command. It polls until the agent has exited (or the payload was drained by
 * someone else, or the time is up), then becomes the worker (`exec`: same pid, same note).
 */
const EXIT_WAITER =
  'a=$1 f=$2 l=$3 c=$4 w=$5; shift 5; i=0; ' +
  'while [ "$i" -lt "$c" ] && [ -e "$f" ] && kill -0 "$a" 2>/dev/null; do sleep 0.1; i=$((i+1)); done; ' +
  'b_p=; read -r b_p 2>/dev/null <"$l"; ' +
  '{ [ -e "$f" ] && ! { [ -n "$b_p" ] && kill -0 "$b_p" 2>/dev/null; }; } || { rm -f "$w/$$"; exit 0; }; ' +
  'exec "$@" hook --background';

/**
 * Shell words that start, detached and at the lowest CPU priority, the `exit` form's waiting
 * process for the payload at `payload` (shell words, as `spool`, the spool folder, and `workers`,
 * its workers' folder) and note it in `workers`: it becomes `baton hook --background` once the
 * shell's parent (the agent) has exited, or BATON_EXIT_WAIT seconds have passed. The words end
 * without a terminator; the caller adds its own. Used by the hook commands and by the MCP
 * server's sh front, whose parent is the agent too. Its variables are its own (`b_w…`), so a
 * caller's keep their values.
 */
export function exitWorkerStart(
  spool: string,
  payload: string,
  workers: string,
  batonCommand: string,
): string {
  return (
    `b_wx=; command -v setsid >/dev/null 2>&1 && b_wx=setsid; ` +
    `b_wi=\${BATON_BACKGROUND_NICE:-19}; case $b_wi in ''|*[!0-9]*) b_wi=19;; esac; ` +
    `b_wc=\${BATON_EXIT_WAIT:-${EXIT_WAIT_S}}; case $b_wc in ''|*[!0-9]*) b_wc=${EXIT_WAIT_S};; esac; ` +
    `$b_wx nice -n "$b_wi" sh -c ${quoted(EXIT_WAITER)} sh "$PPID" ${payload} ${spool}/${WORKER_LOCK} "$((b_wc * 10))" ${workers} ${batonCommand} </dev/null >/dev/null 2>&1 & ` +
    `{ [ -d ${workers} ] || mkdir -p ${workers}; } 2>/dev/null && : 2>/dev/null >${workers}/$!`
  );
}

function script(o: SpoolCommandOptions, payload: string): string {
  const home = `"\${BATON_HOME:-${literal(o.home)}}"`;
  const workers = `"$b_s/${literal(workersDir('').split('/').pop()!)}"`;
  const header = [`{"agent":${JSON.stringify(o.agent)},"receivedAt":`, `,"from":"sh"}`];
  // A live worker holding the drain lock drains this payload before it exits (spool-worker.ts).
  const lockHeld = `b_p=; read -r b_p 2>/dev/null <"$b_s/${WORKER_LOCK}"; [ -n "$b_p" ] && kill -0 "$b_p" 2>/dev/null`;
  const startWorker =
    `b_x=; command -v setsid >/dev/null 2>&1 && b_x=setsid; ` +
    // BATON_BACKGROUND_NICE as the Node hook reads it for the workers it starts (0–19), else 19.
    `b_i=\${BATON_BACKGROUND_NICE:-19}; case $b_i in ''|*[!0-9]*) b_i=19;; esac; ` +
    `$b_x nice -n "$b_i" ${o.batonCommand} hook --background </dev/null >/dev/null 2>&1 & ` +
    `{ [ -d ${workers} ] || mkdir -p ${workers}; } 2>/dev/null && : 2>/dev/null >${workers}/$!`;
  // The agent runs the hook's shell itself ($PPID: the claude, codex or gemini process).
  const exitWaiter = exitWorkerStart(
    '"$b_s"',
    `"$b_s/$b_n${SPOOL_SUFFIX}"`,
    workers,
    o.batonCommand,
  );
  const worker =
    o.worker === 'now'
      ? `if ${lockHeld}; then :; else ${startWorker}; fi;`
      : o.worker === 'exit'
        ? `if ${lockHeld}; then :; else ${exitWaiter}; fi;`
        : o.worker === 'later'
          ? `(sleep "\${BATON_SPOOL_DELAY:-${SPOOL_DELAY_S}}"; [ -e "$b_s/$b_n${SPOOL_SUFFIX}" ] || exit 0; ` +
            `if ${lockHeld}; then exit 0; fi; ${startWorker}) </dev/null >/dev/null 2>&1 &`
          : ':;';
  // Each form above ends in its own terminator (`;` or `&`).
  const lost = quoted(
    'the shell could not write the payload to the spool; dropped (the agent transcript keeps it)',
  );
  // The switches that make the Node hook handle an event against the store at once still do.
  const direct =
    payload === 'cat'
      ? `${o.batonCommand} hook ${o.agent}`
      : `${o.batonCommand} hook ${o.agent} "$2"`;
  return [
    // Names the hook as Baton's (what install and uninstall look for) and does nothing.
    `: baton hook ${o.agent} ${o.event}`,
    `if [ "\${BATON_HOOK_SPOOL:-}" = 0 ] || [ "\${BATON_HOOK_BACKGROUND:-}" = 0 ]; then exec ${direct}; fi`,
    `b_s=${home}/spool`,
    `b_t=$(date +%s%N 2>/dev/null)`,
    `case $b_t in ''|*[!0-9]*) b_t=$(date +%s)000000000;; esac`,
    `b_t=\${b_t%??????}`,
    `b_n=$b_t-$$-0-sh`,
    `umask 077`,
    `{ [ -d "$b_s" ] || mkdir -p "$b_s"; } 2>/dev/null`,
    `if { printf '%s%s%s\\n' ${quoted(header[0]!)} "$b_t" ${quoted(header[1]!)} && ${payload}; } 2>/dev/null >"$b_s/.$b_n.tmp" && mv -f "$b_s/.$b_n.tmp" "$b_s/$b_n${SPOOL_SUFFIX}" 2>/dev/null; ` +
      `then ${worker} ` +
      `else rm -f "$b_s/.$b_n.tmp" 2>/dev/null; { mkdir -p ${home}/logs && printf '%s %s %s %s\\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" ${quoted(o.agent)} ${quoted(o.event)} ${lost} >>${home}/logs/hooks.log; } 2>/dev/null; fi`,
    o.reply === undefined ? 'true' : `printf '%s' ${quoted(o.reply)}`,
  ].join('; ');
}

/** The hook command: the payload on stdin, spooled by the shell. */
export function spoolCommand(o: SpoolCommandOptions): string {
  return script(o, 'cat');
}

/**
 * The Node hook a command of spoolCommand()'s can switch to (what it stands for, for install's
 * report: the script itself is a screenful of shell), or null for any other command.
 */
export function spooledHookOf(command: string): string | null {
  return /^: baton hook [^;]*; if [^;]*; then exec ([^;]*); fi;/.exec(command)?.[1] ?? null;
}

/**
 * Codex's `notify` as a shell command: `sh -c <script> hook <agent>`, to which Codex appends the
 * JSON as one more argument ("$2" in the script). The argv still ends in `hook <agent>`, as the
 * Node form did (`… baton.js hook codex`), so either is found as Baton's by install (upgraded in
 * place) and uninstall.
 */
export function notifySpoolArgv(o: Omit<SpoolCommandOptions, 'reply'>): string[] {
  return ['sh', '-c', script(o, `printf '%s' "$2"`), 'hook', o.agent];
}
