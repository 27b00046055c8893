// The menu's only I/O: raw-mode keys in, whole screens out on the terminal's alternate screen,
// and the terminal always given back as it was found — on Quit, Esc, Ctrl-C, or an error.
import { emitKeypressEvents } from 'node:readline';
import type { CliContext } from '../context.js';
import type { MenuActions } from './menu-actions.js';
import type { MenuData } from './menu-data.js';
import { MAIN, step } from './menu-model.js';
import type { Effect, Key, Screen } from './menu-model.js';
import { doctorPanel, recentPanel, searchPanel, showPanel } from './menu-panels.js';
import { outputPage, render } from './menu-render.js';
import type { TerminalSize } from './menu-render.js';

interface RawInput extends NodeJS.ReadableStream {
  setRawMode?(mode: boolean): unknown;
}

const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l';
const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';

/** What the menu leaves behind when it closes: text to print and the exit code. */
interface Outcome {
  text: string;
  code: number;
}

class TerminalMenu {
  private screen: Screen = MAIN;
  private readonly input: RawInput;
  // Keys are handled one after another, never dropped: a fast typist (or tmux send-keys)
  // delivers several in one chunk while an effect is still running.
  private queue: Promise<void> = Promise.resolve();
  private done = false;
  private settle: (outcome: Outcome | Error) => void = () => {};

  constructor(
    private readonly ctx: CliContext,
    private readonly data: MenuData,
    private readonly actions: MenuActions,
  ) {
    this.input = ctx.world.stdin;
  }

  run(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.settle = (outcome) => {
        this.restore();
        if (outcome instanceof Error) return reject(outcome);
        if (outcome.text) this.ctx.out.line(outcome.text);
        resolve(outcome.code);
      };
      emitKeypressEvents(this.input);
      this.input.setRawMode?.(true);
      this.input.on('keypress', this.onKey);
      this.ctx.world.stdout.on?.('resize', this.draw);
      this.input.resume();
      this.ctx.world.stdout.write(ENTER_SCREEN);
      this.draw();
    });
  }

  private size(): TerminalSize {
    const out = this.ctx.world.stdout as { columns?: number; rows?: number };
    return { columns: out.columns ?? 80, rows: out.rows ?? 24 };
  }

  private readonly draw = () => {
    const lines = render(this.ctx.out, this.screen, this.data, this.size());
    this.ctx.world.stdout.write('\x1b[H\x1b[2J' + lines.join('\r\n'));
  };

  private readonly onKey = (_text: string | undefined, key: Key | undefined) => {
    this.queue = this.queue
      .then(() => this.handle(key ?? {}))
      .catch((error: unknown) =>
        this.finish(error instanceof Error ? error : new Error(String(error))),
      );
  };

  private async handle(key: Key): Promise<void> {
    if (this.done) return;
    const limits = {
      checkpoints: this.data.checkpoints.length,
      page: outputPage(this.size().rows),
    };
    const next = step(this.screen, key, limits);
    this.screen = next.screen;
    const outcome = await this.perform(next.effect);
    if (outcome) this.finish(outcome);
    else this.draw();
  }

  private async perform(effect: Effect): Promise<Outcome | null> {
    const { ctx, data } = this;
    switch (effect.type) {
      case 'none':
        return null;
      case 'quit':
        return { text: '', code: effect.interrupted ? 130 : 0 };
      case 'load': {
        const checkpoint = data.checkpoints[effect.index]!.checkpoint;
        return { text: await this.actions.loadCheckpoint(ctx, checkpoint), code: 0 };
      }
      case 'new':
        return { text: await this.actions.newSession(ctx, data.project), code: 0 };
      case 'view':
        this.screen = { name: 'output', top: 0, ...recentPanel(ctx, data, this.size().columns) };
        return null;
      case 'search':
        this.screen = {
          name: 'output',
          top: 0,
          ...(await searchPanel(ctx, data, effect.query, effect.all)),
        };
        return null;
      case 'show':
        this.screen = { name: 'output', top: 0, ...showPanel(ctx, effect.seq), back: effect.from };
        return null;
      case 'doctor':
        this.screen = { name: 'output', top: 0, ...(await doctorPanel(ctx)) };
        return null;
    }
  }

  private finish(outcome: Outcome | Error): void {
    if (this.done) return;
    this.done = true;
    this.settle(outcome);
  }

  private restore(): void {
    this.input.removeListener('keypress', this.onKey);
    this.ctx.world.stdout.removeListener?.('resize', this.draw);
    this.input.setRawMode?.(false);
    this.input.pause();
    this.ctx.world.stdout.write(LEAVE_SCREEN);
  }
}

export function runMenuOnTerminal(
  ctx: CliContext,
  data: MenuData,
  actions: MenuActions,
): Promise<number> {
  return new TerminalMenu(ctx, data, actions).run();
}
