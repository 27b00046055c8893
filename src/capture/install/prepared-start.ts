// The SessionStart command every agent waits for, as a POSIX sh script: when the background worker
// left a prepared brief for this folder that is still exact (capture/hooks/prepared-brief.ts says
// what it depends on), the shell prints it and starts Baton detached only to spool the start
// (`BATON_HOOK_BRIEF=0`: no brief is read or printed), noting the job in `spool/workers/` as
// `hook-<pid>` (so a brief waits for it), so no Node start is on the agent's path. Otherwise it runs Baton's hook exactly as before: with
// its stdin untouched (`exec`) when the payload was not read yet, else with the payload piped in.
// `BATON_HOOK_PPID` hands the agent's process to the hook (Codex records it for its TUI's exit).
import { HOOK_JOB_PREFIX, workersDir } from '../hooks/spool-background.js';
import { literal } from './shell-words.js';

/** The prepared file's format: a script reading another format falls back to the Node hook. */
export const PREPARED_FORMAT = 1;

/** The sources of a new session, whose brief leaves the starting session out (as resume-brief's). */
const NEW_SOURCES = ['startup', 'clear', 'fork', 'new'];

/**
 * `command` (Baton's hook for SessionStart) behind the prepared brief. `home` is Baton's home as
 * resolved at install; `$BATON_HOME` overrides it when the agent runs the hook.
 */
export function preparedStartCommand(command: string, home: string): string {
  const workers = `$h/${literal(workersDir('').replace(/^\//, ''))}`;
  const piped = `{ printf '%s' "$p" | BATON_HOOK_PPID=$PPID ${command}; exit; }`;
  const once = (key: string) => `*'"${key}":'*'"${key}":'*`;
  const sources = NEW_SOURCES.map((s) => `*'"source":"${s}"'*`).join('|');
  return [
    `h="\${BATON_HOME:-${literal(home)}}"; r=$PWD; n=`,
    `while :; do case $r in */*) n="$n\${r%%/*}%"; r=\${r#*/};; *) n="$n$r"; break;; esac; done`,
    `f="$h/brief/$n"; [ -f "$f" ] || exec ${command}`,
    `. "$f"; [ "$b_v" = ${PREPARED_FORMAT} ] && [ "$b_cwd" = "$PWD" ] || exec ${command}`,
    `t=$(date +%s); [ "$t" -ge "$b_from" ] 2>/dev/null && [ "$t" -lt "$b_until" ] || exec ${command}`,
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
    `printf '%s' "$p" | BATON_HOOK_PPID=$PPID BATON_HOOK_BRIEF=0 ${command} >/dev/null 2>&1 &`,
    `mkdir -p "${workers}" && printf '%s' "$PWD" > "${workers}/${HOOK_JOB_PREFIX}$!"; exit 0`,
  ].join('\n');
}
