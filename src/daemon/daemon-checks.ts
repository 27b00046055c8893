// What `baton doctor` says about the daemon: whether it runs and, when it does, whether it is this
// Baton's version (a daemon left running across an upgrade keeps the old code); files a daemon
// that is gone left behind (its lock and pid file, taken over by the next start); and how it gets
// started — the autostart setting and the service file `baton daemon install` writes.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { result } from '../doctor/index.js';
import type { CheckResult, DoctorContext } from '../doctor/index.js';
import { settingValue } from '../operations/index.js';
import { daemonStatus } from './daemon-control.js';
import { serviceFile } from './service-file.js';

/** The daemon's checks, for the Baton at `version` (the one running doctor). */
export function daemonChecks(version: string): (ctx: DoctorContext) => CheckResult[] {
  return function daemon(ctx: DoctorContext): CheckResult[] {
    return [runningCheck(ctx, version), staleCheck(ctx), startCheck(ctx)];
  };
}

function runningCheck(ctx: DoctorContext, version: string): CheckResult {
  const s = daemonStatus(ctx.home);
  const data = { running: s.running, pid: s.pid, port: s.port, version: s.version };
  if (!s.running) {
    return result(
      'daemon',
      'Daemon',
      'info',
      'not running: transcripts are read at hooks and imports only',
      {
        data,
        fix: 'baton daemon start',
      },
    );
  }
  const where = `pid ${s.pid}${s.port === null ? ', starting' : `, http://127.0.0.1:${s.port}`}`;
  if (s.version !== null && s.version !== version) {
    return result(
      'daemon',
      'Daemon',
      'warn',
      `running Baton ${s.version} (${where}), this is ${version}`,
      {
        data,
        fix: 'baton daemon restart',
      },
    );
  }
  return result('daemon', 'Daemon', 'ok', `running (${where})`, { data });
}

function staleCheck(ctx: DoctorContext): CheckResult {
  const { stale } = daemonStatus(ctx.home);
  return result(
    'daemon:stale',
    'Daemon files',
    stale.length ? 'info' : 'ok',
    stale.length
      ? `${stale.length} file(s) left by a daemon that is gone (killed, or a reboot); the next start takes them over`
      : 'no files left by a daemon that is gone',
    { details: stale, data: { stale } },
  );
}

function startCheck(ctx: DoctorContext): CheckResult {
  const autostart = ctx.store ? settingValue(ctx.store, 'daemon.autostart') === true : false;
  let service: string | null = null;
  try {
    service = serviceFile({
      platform: process.platform,
      env: ctx.env,
      userHome: ctx.env.HOME || homedir(),
      batonHome: ctx.home,
      launch: { command: 'baton', args: [] },
    }).path;
  } catch {
    // No service files on this platform.
  }
  const installed = service !== null && existsSync(service);
  const ways = [
    ...(autostart ? ['with the first hook of a session (daemon.autostart)'] : []),
    ...(installed ? [`at login (${service})`] : []),
  ];
  return result(
    'daemon:autostart',
    'Daemon start',
    'info',
    ways.length ? `starts ${ways.join(' and ')}` : 'started only by `baton daemon start`',
    {
      data: { autostart, service: installed ? service : null },
      ...(!ways.length && {
        fix: 'baton config set daemon.autostart true (or baton daemon install)',
      }),
    },
  );
}
