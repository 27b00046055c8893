// The service files for those who want the daemon started at login: a systemd user unit on
// Linux, a launchd agent on macOS. Each runs `baton daemon run` in the foreground (the service
// manager supervises it). Install writes the file; uninstall removes it only when it is still
// byte for byte what install wrote, so a file the user edited is left alone and reported, and
// then the folders install made for it if they are empty, so the home is as it was before.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { BatonError } from '../core/index.js';
import type { Launch } from './daemon-control.js';
import { DAEMON_ENV, daemonArgs } from './daemon-paths.js';

export interface ServiceFile {
  path: string;
  text: string;
  /** What to run afterwards to load (or unload) it. */
  enable: string;
  disable: string;
}

export interface ServiceWorld {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The user's home folder. */
  userHome: string;
  batonHome: string;
  launch: Launch;
}

const UNIT = 'baton-daemon.service';
const LABEL = 'dev.baton.daemon';

export function serviceFile(w: ServiceWorld): ServiceFile {
  const argv = [w.launch.command, ...daemonArgs(w.launch)];
  if (w.platform === 'linux') {
    const config = w.env.XDG_CONFIG_HOME || join(w.userHome, '.config');
    const quoted = argv.map((a) => `"${a.replace(/(["\\])/g, '\\$1')}"`).join(' ');
    const text = [
      '[Unit]',
      'Description=Baton daemon: records agent sessions, serves the local API',
      '',
      '[Service]',
      `ExecStart=${quoted}`,
      `Environment="BATON_HOME=${w.batonHome}"`,
      ...Object.entries(DAEMON_ENV).map(([k, v]) => `Environment="${k}=${v}"`),
      'Restart=on-failure',
      '',
      '[Install]',
      'WantedBy=default.target',
      '',
    ].join('\n');
    return {
      path: join(config, 'systemd', 'user', UNIT),
      text,
      enable: `systemctl --user daemon-reload && systemctl --user enable --now ${UNIT}`,
      disable: `systemctl --user disable --now ${UNIT}`,
    };
  }
  if (w.platform === 'darwin') {
    const path = join(w.userHome, 'Library', 'LaunchAgents', `${LABEL}.plist`);
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
      '<plist version="1.0">',
      '<dict>',
      `  <key>Label</key><string>${LABEL}</string>`,
      '  <key>ProgramArguments</key>',
      '  <array>',
      ...argv.map((a) => `    <string>${esc(a)}</string>`),
      '  </array>',
      '  <key>EnvironmentVariables</key>',
      `  <dict><key>BATON_HOME</key><string>${esc(w.batonHome)}</string></dict>`,
      '  <key>RunAtLoad</key><true/>',
      '  <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>',
      '</dict>',
      '</plist>',
      '',
    ].join('\n');
    return {
      path,
      text,
      enable: `launchctl load -w "${path}"`,
      disable: `launchctl unload -w "${path}"`,
    };
  }
  throw new BatonError(
    'USAGE',
    `no service file for ${w.platform}: run \`baton daemon start\` at login`,
  );
}

export type ServiceChange = 'created' | 'updated' | 'unchanged' | 'removed' | 'absent';

export function installService(w: ServiceWorld): { file: ServiceFile; change: ServiceChange } {
  const file = serviceFile(w);
  const before = existsSync(file.path) ? readFileSync(file.path, 'utf8') : null;
  if (before === file.text) return { file, change: 'unchanged' };
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.text);
  return { file, change: before === null ? 'created' : 'updated' };
}

export function uninstallService(w: ServiceWorld): { file: ServiceFile; change: ServiceChange } {
  const file = serviceFile(w);
  if (!existsSync(file.path)) return { file, change: 'absent' };
  if (readFileSync(file.path, 'utf8') !== file.text) {
    throw new BatonError(
      'INVALID_INPUT',
      `${file.path} was changed since baton wrote it; left as it is`,
      {
        hint: 'remove it yourself if it is no longer wanted',
      },
    );
  }
  rmSync(file.path);
  removeEmptyFolders(dirname(file.path), w.userHome);
  return { file, change: 'removed' };
}

/** The folders install made for the file, when nothing else is in them, up to the user's home. */
function removeEmptyFolders(dir: string, stop: string): void {
  const top = resolve(stop);
  for (let d = resolve(dir); d !== top && d.startsWith(`${top}${sep}`); d = dirname(d)) {
    try {
      if (readdirSync(d).length > 0) return;
      rmdirSync(d);
    } catch {
      return;
    }
  }
}
