// A real pseudo-terminal for tests: a tmux pane on a private server socket (so no one else's
// tmux is touched), driven with send-keys and read with capture-pane.
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export class TmuxPane {
  private constructor(
    private readonly socket: string,
    private readonly name: string,
  ) {}

  /** Runs `command` in a new pane; after it exits, the pane shows `[exit N]` and stays. */
  static start(
    command: string,
    options: { cwd: string; env: Record<string, string>; width?: number; height?: number },
  ): TmuxPane {
    const socket = `baton-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const env = Object.entries(options.env)
      .map(([k, v]) => `${k}=${shellQuote(v)}`)
      .join(' ');
    const script = `env ${env} ${command}; echo "[exit $?]"; sleep 600`;
    execFileSync('tmux', [
      '-L',
      socket,
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-s',
      'menu',
      '-x',
      String(options.width ?? 110),
      '-y',
      String(options.height ?? 36),
      '-c',
      options.cwd,
      script,
    ]);
    return new TmuxPane(socket, 'menu');
  }

  /** tmux key names (`Down`, `Enter`, `Escape`, `C-c`) or literal text (`-l`). */
  send(...keys: string[]): void {
    execFileSync('tmux', ['-L', this.socket, 'send-keys', '-t', this.name, ...keys]);
  }

  type(text: string): void {
    execFileSync('tmux', ['-L', this.socket, 'send-keys', '-t', this.name, '-l', text]);
  }

  /** What the pane shows, with the scrollback above it (a long brief scrolls its head away). */
  capture(): string {
    return execFileSync(
      'tmux',
      ['-L', this.socket, 'capture-pane', '-p', '-S', '-2000', '-t', this.name],
      { encoding: 'utf8' },
    );
  }

  /** Waits until the screen shows `expected`; returns the screen, or throws with what it showed. */
  async waitFor(expected: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.capture();
      if (typeof expected === 'string' ? screen.includes(expected) : expected.test(screen))
        return screen;
      await sleep(100);
    }
    throw new Error(`the pane never showed ${String(expected)}; it showed:\n${screen}`);
  }

  kill(): void {
    try {
      execFileSync('tmux', ['-L', this.socket, 'kill-server']);
    } catch {
      // Already gone.
    }
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
