// Running `git` for what cannot be read from .git files cheaply (commit ranges, diffs, status).
// Recovery is not on the tool-event hot path, but a brief must still come back fast, so every
// call is time-bounded, takes no optional locks (a status must never block the user's own git)
// and never prompts.
import { execFile, spawnSync } from 'node:child_process';

export interface GitResult {
  ok: boolean;
  stdout: string;
  /** Why it failed: git's own message, `timeout`, or `git not found`. */
  error: string | null;
}

export interface GitRunner {
  run(args: string[], cwd: string): Promise<GitResult>;
  runSync(args: string[], cwd: string): GitResult;
}

export interface GitRunnerOptions {
  timeoutMs?: number;
  /** The environment git runs in (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

const MAX_OUTPUT = 16 * 1024 * 1024;

function gitEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
}

function failure(error: unknown, stderr: string): string {
  const e = error as { code?: string | number; killed?: boolean; signal?: string } | null;
  if (e?.code === 'ENOENT') return 'git not found';
  if (e?.killed || e?.signal === 'SIGTERM' || e?.code === 'ETIMEDOUT') return 'timeout';
  return stderr.trim().split('\n')[0] || 'git failed';
}

export function createGitRunner(options: GitRunnerOptions = {}): GitRunner {
  const timeout = options.timeoutMs ?? 1500;
  const env = gitEnv(options.env ?? process.env);
  return {
    run: (args, cwd) =>
      new Promise((resolve) => {
        execFile(
          'git',
          args,
          { cwd, env, timeout, maxBuffer: MAX_OUTPUT, encoding: 'utf8', windowsHide: true },
          (error, stdout, stderr) =>
            resolve(
              error
                ? { ok: false, stdout: stdout ?? '', error: failure(error, stderr ?? '') }
                : { ok: true, stdout, error: null },
            ),
        );
      }),
    runSync: (args, cwd) => {
      const r = spawnSync('git', args, {
        cwd,
        env,
        timeout,
        maxBuffer: MAX_OUTPUT,
        encoding: 'utf8',
        windowsHide: true,
      });
      if (r.error) return { ok: false, stdout: '', error: failure(r.error, '') };
      if (r.status !== 0) return { ok: false, stdout: r.stdout, error: failure(null, r.stderr) };
      return { ok: true, stdout: r.stdout, error: null };
    },
  };
}

/** `git status --porcelain -z` output → paths with their one-letter status. */
export function parsePorcelain(out: string): { path: string; status: string }[] {
  const parts = out.split('\0');
  const files: { path: string; status: string }[] = [];
  for (let i = 0; i < parts.length; i++) {
    const entry = parts[i]!;
    if (entry.length < 4) continue;
    const xy = entry.slice(0, 2);
    const path = entry.slice(3);
    // A rename or copy is followed by its source path, which is not a change of its own.
    if (xy[0] === 'R' || xy[0] === 'C') i += 1;
    const status = xy === '??' ? '?' : (xy.trim()[0] ?? '?');
    files.push({ path, status });
  }
  return files;
}
