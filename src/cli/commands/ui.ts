// `baton ui`: the web viewer. Starts the daemon if none runs, asks it (with the API's bearer
// token, which never leaves this process) for a one-time login code, and prints — or opens — the
// URL that trades it for a cookie. The code works once, for two minutes; the viewer's address
// after login carries no secret.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { BatonError } from '../../core/index.js';
import type { CliContext } from '../context.js';
import { examples, withJson } from '../options.js';

interface UiFlags {
  open?: boolean;
  json?: boolean;
}

export function registerUi(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('ui')
    .description('open the web viewer: starts the daemon if needed, prints a one-time login link')
    .option('-o, --open', "open the link in the system's browser");
  withJson(cmd);
  examples(cmd, ['baton ui            # prints the link', 'baton ui --open     # and opens it']);
  cmd.action(async (flags: UiFlags) => {
    const { daemonPaths, ensureToken, startDaemon } = await import('../../daemon/index.js');
    const launch = ctx.world.batonLaunch;
    if (!launch) throw new BatonError('INTERNAL', 'cannot tell how to launch this baton');
    const status = await startDaemon(ctx.home, ctx.world.env, launch);
    if (status.port === null) throw new BatonError('IO', 'the daemon did not say its port');
    const base = `http://127.0.0.1:${status.port}`;
    const token = ensureToken(daemonPaths(ctx.home).token);
    const login = await askCode(base, token);
    const url = `${base}${login.path}`;
    if (flags.open) openInBrowser(url);
    if (flags.json)
      return ctx.out.json({ url, expiresAt: login.expiresAt, started: status.started });
    if (status.started) ctx.out.line(ctx.out.dim(`daemon started (pid ${status.pid})`));
    ctx.out.line(`Baton viewer: ${url}`);
    ctx.out.line(
      ctx.out.dim(
        'the link logs you in once, within 2 minutes; run `baton ui` again for a new one',
      ),
    );
  });
}

async function askCode(base: string, token: string): Promise<{ path: string; expiresAt: string }> {
  let r: Response;
  try {
    r = await fetch(`${base}/ui/login-code`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
  } catch (e) {
    throw new BatonError('IO', `could not reach the daemon at ${base}: ${(e as Error).message}`);
  }
  if (!r.ok) {
    throw new BatonError('IO', `the daemon refused a login code (HTTP ${r.status})`, {
      hint: 'a daemon from an older baton may be running: baton daemon restart',
    });
  }
  return (await r.json()) as { path: string; expiresAt: string };
}

function openInBrowser(url: string): void {
  const [command, ...args] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : ['xdg-open', url];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => {}); // no opener: the printed link is enough
  child.unref();
}
