// Starting the daemon from an agent's hook (`daemon.autostart`): only from the store path of a
// lifecycle hook, never from a spooled tool hook, and without waiting — the daemon is spawned
// detached (at the lowest CPU priority), its output to the daemon log, and the hook returns at once. When a daemon already
// holds the lock this costs one small file read. Kept free of the API's imports so the hook
// bundle stays small.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { lowerPriority } from '../capture/index.js';
import { DAEMON_ENV, daemonArgs, daemonPaths } from './daemon-paths.js';
import { lockOwner } from './instance-lock.js';

/** Spawns `baton daemon run` detached when no daemon runs; returns whether it did. */
export function autostartDaemon(
  home: string,
  env: NodeJS.ProcessEnv,
  launch: { command: string; args: string[] },
): boolean {
  const paths = daemonPaths(home);
  if (lockOwner(paths.lock) !== null) return false;
  mkdirSync(dirname(paths.log), { recursive: true, mode: 0o700 });
  const out = openSync(paths.log, 'a', 0o600);
  try {
    // Loaded here, not at the top: the hook bundle imports this module on every lifecycle hook,
    // and child_process (with net and stream behind it) is only needed when a daemon must start.
    const { spawn } = process.getBuiltinModule('node:child_process');
    const child = spawn(launch.command, daemonArgs(launch), {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...DAEMON_ENV, ...env, BATON_HOME: home },
    });
    child.unref();
    // Started from an agent's hook: it yields the CPU to the agent, as the spool's worker does.
    if (child.pid !== undefined) lowerPriority(child.pid, env);
  } finally {
    closeSync(out);
  }
  return true;
}
