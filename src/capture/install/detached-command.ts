// A hook command the agent does not wait for: the agent runs hook commands through a POSIX shell,
// which here starts the real command as a background job holding the hook's stdin (kept on fd 3:
// a non-interactive shell gives a background job /dev/null as its stdin), with its output sent to
// /dev/null, and exits at once — printing `reply` first when the agent needs an answer. The
// command still reads the whole payload and spools it; it just does so after the agent went on.

/** `command` started detached from the shell the agent runs it in. */
export function detachedCommand(command: string, reply?: string): string {
  const job = `exec 3<&0; ${command} <&3 >/dev/null 2>&1 3<&- &`;
  return reply === undefined ? job : `${job} printf '%s' '${reply}'`;
}
