// Pins `baton daemon install|uninstall`'s files in a temporary home, without systemd or launchd:
// the unit (Linux) and the agent (macOS) run `baton daemon run` with this BATON_HOME, a second
// install changes nothing, uninstall leaves the home byte for byte as it was before install, and a
// file the user edited is refused and left as it is.
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installService, uninstallService } from './service-file.js';
import type { ServiceWorld } from './service-file.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'baton-service-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const world = (platform: NodeJS.Platform, env: NodeJS.ProcessEnv = {}): ServiceWorld => ({
  platform,
  env,
  userHome: home,
  batonHome: join(home, 'baton data'),
  launch: { command: '/usr/bin/node', args: ['/opt/baton/bin/baton.js'] },
});

/** Every file and folder under the home, with the bytes of each file. */
function tree(dir = home): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = relative(home, path);
    if (statSync(path).isDirectory()) Object.assign(out, { [`${rel}/`]: '' }, tree(path));
    else out[rel] = readFileSync(path, 'base64');
  }
  return out;
}

describe('the service files', () => {
  it('writes a systemd user unit that runs the daemon for this home, and removes it byte-exact', () => {
    mkdirSync(join(home, '.config'));
    writeFileSync(join(home, '.config', 'other.conf'), 'x=1\n');
    const before = tree();
    const w = world('linux');
    const installed = installService(w);
    expect(installed.change).toBe('created');
    expect(installed.file.path).toBe(
      join(home, '.config', 'systemd', 'user', 'baton-daemon.service'),
    );
    const text = readFileSync(installed.file.path, 'utf8');
    expect(text).toContain(
      'ExecStart="/usr/bin/node" "--max-semi-space-size=2" "--optimize-for-size" "--expose-gc" "/opt/baton/bin/baton.js" "daemon" "run"\n',
    );
    expect(text).toContain(`Environment="BATON_HOME=${join(home, 'baton data')}"\n`);
    expect(text).toContain('Environment="MALLOC_ARENA_MAX=2"\n');
    expect(text).toContain('Environment="MALLOC_MMAP_THRESHOLD_=131072"\n');
    expect(text).toContain('WantedBy=default.target\n');
    expect(installed.file.enable).toBe(
      'systemctl --user daemon-reload && systemctl --user enable --now baton-daemon.service',
    );
    expect(installService(w).change).toBe('unchanged');
    expect(uninstallService(w).change).toBe('removed');
    expect(tree()).toEqual(before);
    expect(uninstallService(w).change).toBe('absent');
  });

  it('follows XDG_CONFIG_HOME', () => {
    const xdg = join(home, 'xdg');
    const r = installService(world('linux', { XDG_CONFIG_HOME: xdg }));
    expect(r.file.path).toBe(join(xdg, 'systemd', 'user', 'baton-daemon.service'));
  });

  it('writes a launchd agent on macOS, escaped, and removes it byte-exact', () => {
    mkdirSync(join(home, 'Library', 'LaunchAgents'), { recursive: true });
    writeFileSync(join(home, 'Library', 'LaunchAgents', 'com.other.plist'), '<plist/>\n');
    const before = tree();
    const w = { ...world('darwin'), batonHome: join(home, 'a&b <c>') };
    const r = installService(w);
    expect(r.file.path).toBe(join(home, 'Library', 'LaunchAgents', 'dev.baton.daemon.plist'));
    const text = readFileSync(r.file.path, 'utf8');
    expect(text).toContain('<key>Label</key><string>dev.baton.daemon</string>');
    expect(text).toContain(
      '    <string>--optimize-for-size</string>\n    <string>--expose-gc</string>\n    <string>/opt/baton/bin/baton.js</string>\n    <string>daemon</string>\n    <string>run</string>',
    );
    expect(text).toContain(`<string>${home}/a&amp;b &lt;c&gt;</string>`);
    expect(r.file.enable).toBe(`launchctl load -w "${r.file.path}"`);
    expect(uninstallService(w).change).toBe('removed');
    expect(tree()).toEqual(before);
  });

  it('leaves a file the user edited where it is, and says so', () => {
    const w = world('linux');
    const { file } = installService(w);
    writeFileSync(file.path, `${file.text}Environment="EXTRA=1"\n`);
    const edited = tree();
    expect(() => uninstallService(w)).toThrow(/was changed since baton wrote it; left as it is/);
    expect(tree()).toEqual(edited);
    expect(installService(w).change).toBe('updated');
  });

  it('refuses a platform without service files', () => {
    expect(() => installService(world('win32'))).toThrow(/no service file for win32/);
    expect(readdirSync(home)).toEqual([]);
  });
});
