// A program in a real pseudo-terminal, driven like a person at a keyboard: util-linux `script`
// owns the terminal (so nothing native is needed), keystrokes go in one at a time with a pause
// (a TUI that takes a fast burst of characters for a paste would turn Enter into a newline), and
// what the program draws is kept as plain text to wait on. The program's terminal queries
// (cursor position, device attributes, colours) are answered the way a terminal would.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Terminal escape sequences (CSI, OSC, charset and short ESC ones): what the text leaves out. */
const CSI_OR_OSC =
  // eslint-disable-next-line no-control-regex -- the escape character is what it matches
  /\x1b\[[0-9;?>=<!$ ]*[a-zA-Z~@^`{|}]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHMNOZc]/g;

/** Replies to what a program may ask its terminal, keyed by the query. */
const ANSWERS: [string, string][] = [
  ['\x1b[6n', '\x1b[1;1R'],
  ['\x1b[c', '\x1b[?62;22c'],
  ['\x1b[0c', '\x1b[?62;22c'],
  ['\x1b[?u', '\x1b[?0u'],
  ['\x1b]10;?', '\x1b]10;rgb:ffff/ffff/ffff\x1b\\'],
  ['\x1b]11;?', '\x1b]11;rgb:0000/0000/0000\x1b\\'],
];

/** Whether util-linux `script` is here to give a program a terminal. */
export const hasScript = (): boolean =>
  spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

export class PtySession {
  private raw = '';
  private text = '';
  private exitCode: number | null | undefined = undefined;
  private readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => {
      const s = chunk.toString('utf8');
      this.raw += s;
      for (const [query, answer] of ANSWERS) if (s.includes(query)) this.write(answer);
      this.text += s.replace(CSI_OR_OSC, ' ');
    });
    this.exited = new Promise((done) =>
      child.once('close', (code) => {
        this.exitCode = code;
        done(code);
      }),
    );
  }

  /** Runs `argv` in a terminal of `cols`×`rows` in `cwd`, with exactly `env`. */
  static start(
    argv: string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; cols?: number; rows?: number },
  ): PtySession {
    const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const size = `stty cols ${options.cols ?? 120} rows ${options.rows ?? 40}`;
    const child = spawn('script', ['-qfec', `${size}; exec ${quoted}`, '/dev/null'], {
      cwd: options.cwd,
      env: { ...options.env, TERM: 'xterm-256color' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new PtySession(child);
  }

  private write(s: string): void {
    if (this.exitCode === undefined) this.child.stdin!.write(s);
  }

  /** Presses one key, sent whole (an arrow is `\x1b[B`: split up, its ESC would be Escape). */
  press(key: string): void {
    this.write(key);
  }

  /** Types `text` one character at a time; `\r` is Enter. */
  async type(text: string, pauseMs = 60): Promise<void> {
    for (const ch of text) {
      this.write(ch);
      await sleep(pauseMs);
    }
  }

  /** Everything drawn so far, escape sequences taken out. */
  screen(): string {
    return this.text;
  }

  /** Waits until what was drawn since `from` (an earlier screen().length) shows `expected`. */
  async waitFor(expected: string | RegExp, timeoutMs: number, from = 0): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    const found = () => {
      const seen = this.text.slice(from);
      return typeof expected === 'string' ? seen.includes(expected) : expected.test(seen);
    };
    while (Date.now() < deadline && !found() && this.exitCode === undefined) await sleep(100);
    if (found()) return this.text;
    throw new Error(
      `the terminal never showed ${String(expected)}; it showed:\n${this.text.slice(-3000)}`,
    );
  }

  /** Waits for the program to end; kills it after `timeoutMs`. The exit code, or null. */
  async exit(timeoutMs: number): Promise<number | null> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  kill(): void {
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
  }
}
