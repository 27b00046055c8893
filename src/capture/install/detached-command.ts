// A hook command the agent does not wait for. Agents run hook commands through a POSIX shell; here
// the shell starts the real command as a background job holding the hook's stdin (kept on fd 3: a
// non-interactive shell gives a background job /dev/null as its stdin) with its output sent to
// /dev/null, notes the job's pid where Baton notes its background workers (so SessionStart and
// `baton hook --wait` wait for it as for a worker; a note whose process is gone is dropped), and
// exits at once — printing `reply` first when the agent needs an answer. The note (`hook-<pid>`)
// holds the folder the agent ran the hook in, so a SessionStart waits only for its project's jobs. The command still reads
// the whole payload and spools it; it just does so after the agent went on. The notes' folder is
// `$BATON_HOME`'s, or else the home Baton resolved at install.
import { HOOK_JOB_PREFIX, workersDir } from '../hooks/spool-background.js';

/** `text` as one single-quoted shell word. */
export const quoted = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** `text` inside a double-quoted shell word, taken literally. */
export const literal = (text: string) => text.replace(/[\\"$`}]/g, '\\$&');

/**
 * `command` started detached from the shell the agent runs it in. `home` is Baton's home as
 * resolved at install; `$BATON_HOME` overrides it when the agent runs the hook.
 */
export function detachedCommand(command: string, home: string, reply?: string): string {
  const notes = `"\${BATON_HOME:-${literal(home)}}/${literal(workersDir('').replace(/^\//, ''))}"`;
  const job = `exec 3<&0; ${command} <&3 >/dev/null 2>&1 3<&- & mkdir -p ${notes} && printf '%s' "$PWD" > ${notes}/${HOOK_JOB_PREFIX}$!`;
  return reply === undefined ? `${job} || true` : `${job}; printf '%s' ${quoted(reply)}`;
}
