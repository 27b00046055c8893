// The SessionStart command every agent waits for, as a POSIX sh script: when the background worker
// left a prepared brief for this folder that is still exact (capture/hooks/prepared-brief.ts says
// what it depends on), the shell prints it and writes the start into the spool itself, as the
// shell-spooled hooks do (spool-command.ts: a header line, then the payload as the agent sent it,
// written under a temporary name and renamed into place, 0600): no Node process starts while the
// agent starts. No worker is started for it either: the start is replayed by the session's end
// worker, or by the next drain (any other worker, `baton hook --wait`, an import), and a next
// SessionStart falls back to the Node hook while it waits in the spool, so that brief waits for its
// replay (spool-pending.ts). Its name sorts before any payload spooled later in the same
// millisecond (`<ms>-0-<pid>-sh`; a pid never starts with 0).
// Codex records the client process a session belongs to (its TUI's exit detection:
// capture/agent-process.ts). The shell notes it the same way when the hook's parent is the client
// itself (`codex exec`: pid, start time from /proc/<pid>/stat, boot id), `null` where the Node hook
// would find none (no /proc, another program); where the parent is a process to look past (a shell,
// the TUI's app-server) it hands the start to Baton started detached, as before
// (`BATON_HOOK_BRIEF=0`, `BATON_HOOK_PPID`; noted in `spool/workers/` as `hook-<pid>` so a brief
// waits for it). Otherwise it runs Baton's hook exactly as before: with its stdin untouched
// (`exec`) when the payload was not read yet, else with the payload piped in.
import { HOOK_JOB_PREFIX, workersDir } from '../hooks/spool-background.js';
import { SHELLS } from '../agent-process.js';
import { literal } from './shell-words.js';

/** The prepared file's format: a script reading another format falls back to the Node hook. */
export const PREPARED_FORMAT = 1;

/** The sources of a new session, whose brief leaves the starting session out (as resume-brief's). */
const NEW_SOURCES = ['startup', 'clear', 'fork', 'new'];

/** The agent's own process, noted with the start where the agent's hooks record it (Codex). */
export interface StartProcessNote {
  /** The program name (argv[0]'s last part) of the agent's process. */
  program: string;
  /** An argument marking a process of that program to look past (Codex's `app-server`). */
  pastArgument: string;
}

export interface PreparedStartOptions {
  agent: string;
  /** Noted as `agentProcess` in the spooled start's header, as the hook table's `note` does. */
  agentProcess?: StartProcessNote;
}

/**
 * The lines that set `$b_j` to the `agentProcess` note of the hook's parent (`$PPID`), or leave it
 * empty when only the Node hook can tell (a process to look past).
 */
function processNote(o: StartProcessNote): string[] {
  // /proc/<pid>/cmdline with each NUL a newline and each newline \001: equal words stay equal.
  return [
    `b_j=null; b_a=; b_st=; b_bt=`,
    `if read -r b_bt </proc/sys/kernel/random/boot_id && read -r b_st </proc/$PPID/stat && b_a=$(tr '\\012\\000' '\\001\\012' </proc/$PPID/cmdline); then`,
    `b_0=\${b_a%%"$b_nl"*}; b_0=\${b_0##*/}`,
    // The shells findAgentProcess looks past: the Node hook takes those.
    `case $b_0 in ${[...SHELLS].join('|')}) b_j=;; esac`,
    `case $b_0 in ${o.program}) case "$b_nl$b_a$b_nl" in *"$b_nl"${o.pastArgument}"$b_nl"*) b_j=;; esac; esac`,
    `if [ -n "$b_j" ] && [ "$b_0" = ${o.program} ]; then set -- \${b_st##*') '}; b_st=\${20:-}`,
    `case $b_st in ''|*[!0-9]*) b_j=;; esac; case $b_bt in ''|*[!0-9a-f-]*) b_j=;; esac`,
    `[ -z "$b_j" ] || b_j="{\\"pid\\":$PPID,\\"start\\":\\"$b_st\\",\\"boot\\":\\"$b_bt\\"}"; fi; fi`,
  ];
}

/**
 * The hook a command of preparedStartCommand()'s falls back to (what it stands for, for install's
 * report), or null for any other command.
 */
export function preparedStartFallback(command: string): string | null {
  if (!command.startsWith('h="${BATON_HOME:-')) return null;
  return /\|\| exec ([^\n]*)\n/.exec(command)?.[1] ?? null;
}

/**
 * `command` (Baton's hook for SessionStart) behind the prepared brief. `home` is Baton's home as
 * resolved at install; `$BATON_HOME` overrides it when the agent runs the hook.
 */
export function preparedStartCommand(
  command: string,
  home: string,
  o: PreparedStartOptions,
): string {
  const workers = `$h/${literal(workersDir('').replace(/^\//, ''))}`;
  const piped = `{ printf '%s' "$p" | BATON_HOOK_PPID=$PPID ${command}; exit; }`;
  const once = (key: string) => `*'"${key}":'*'"${key}":'*`;
  const sources = NEW_SOURCES.map((s) => `*'"source":"${s}"'*`).join('|');
  const note = o.agentProcess ? `,"note":{"agentProcess":'"$b_j"'}` : '';
  const header = `'{"agent":${JSON.stringify(o.agent)},"receivedAt":'"$b_ms"',"from":"sh"${note}}'`;
  return [
    `h="\${BATON_HOME:-${literal(home)}}"; r=$PWD; n=`,
    `while :; do case $r in */*) n="$n\${r%%/*}%"; r=\${r#*/};; *) n="$n$r"; break;; esac; done`,
    `f="$h/brief/$n"; [ -f "$f" ] || exec ${command}`,
    `. "$f"; [ "$b_v" = ${PREPARED_FORMAT} ] && [ "$b_cwd" = "$PWD" ] || exec ${command}`,
    // Milliseconds for the spooled start's time and name; whole seconds for the brief's window.
    `t=$(date +%s%N 2>/dev/null); case $t in ''|*[!0-9]*) t=$(date +%s)000000000;; esac`,
    `[ \${#t} -gt 12 ] || t=\${t}000000000; b_ms=\${t%??????}; t=\${t%?????????}`,
    `[ "$t" -ge "$b_from" ] 2>/dev/null && [ "$t" -lt "$b_until" ] || exec ${command}`,
    `for x in "$h/spool/"*; do case \${x##*/} in workers|failed|worker.lock|'*') ;; *) exec ${command};; esac; done`,
    // A note of a process gone is left for Node to remove; any other note is a job still running.
    `for x in "${workers}/"*; do [ -e "$x" ] || continue; x=\${x##*/}; x=\${x#${HOOK_JOB_PREFIX}}`,
    `case $x in ''|*[!0-9]*) exec ${command};; esac; kill -0 "$x" 2>/dev/null && exec ${command}; done`,
    `b_fresh "$f" || exec ${command}`,
    `[ -z "$b_root" ] || [ "$(cd "$b_root" && GIT_OPTIONAL_LOCKS=0 git status --porcelain=v2 --branch --untracked-files=normal 2>/dev/null)" = "$b_git" ] || exec ${command}`,
    `p=; l=; while IFS= read -r l; do p="$p$l`,
    `"; done; p="$p$l"`,
    `case $PWD in *[\\"\\\\]*) ${piped};; esac`,
    `case $p in ${once('cwd')}|${once('source')}|${once('session_id')}|${once('hook_event_name')}) ${piped};; esac`,
    `case $p in *'"hook_event_name":"SessionStart"'*) ;; *) ${piped};; esac`,
    `case $p in *"\\"cwd\\":\\"$PWD\\""*) ;; *) ${piped};; esac`,
    `case $p in *'"source":'*) case $p in ${sources}) ;; *) ${piped};; esac;; esac`,
    `s=\${p#*\\"session_id\\":\\"}; s=\${s%%\\"*}; b_sid "$s" && ${piped}`,
    `printf '%s' "$b_out"`,
    `b_nl='`,
    `'`,
    ...(o.agentProcess ? processNote(o.agentProcess) : ['b_j=x']),
    // The start, spooled by the shell (the drain reads it like the Node hook's).
    `b_s="$h/spool"; b_q="$b_ms-0-$$-sh"; umask 077; { [ -d "$b_s" ] || mkdir -p "$b_s"; } 2>/dev/null`,
    `if [ -n "$b_j" ] && { printf '%s\\n' ${header} && printf '%s' "$p"; } 2>/dev/null >"$b_s/.$b_q.tmp" && mv -f "$b_s/.$b_q.tmp" "$b_s/$b_q.hook" 2>/dev/null; then exit 0; fi`,
    `rm -f "$b_s/.$b_q.tmp" 2>/dev/null`,
    `printf '%s' "$p" | BATON_HOOK_PPID=$PPID BATON_HOOK_BRIEF=0 ${command} >/dev/null 2>&1 &`,
    `mkdir -p "${workers}" && printf '%s' "$PWD" > "${workers}/${HOOK_JOB_PREFIX}$!"; exit 0`,
  ].join('\n');
}
