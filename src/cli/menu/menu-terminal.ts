// The menu's only I/O: raw-mode keys in, whole screens out on the terminal's alternate screen,
// and the terminal always given back as it was found — on Quit, Esc, Ctrl-C, or an error.
import { emitKeypressEvents } from 'node:readline';
import type { CliContext } from '../context.js';
import type { MenuActions } from './menu-actions.js';
import type { MenuData } from './menu-data.js';
import { MAIN, step } from './menu-model.js';
import type { Effect, Key, Screen } from './menu-model.js';
import { doctorPanel, recentPanel, searchPanel } from './menu-panels.js';
import { outputPage, render } from './menu-render.js';
import type { TerminalSize } from './menu-render.js';

interface RawInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

const ENTER_SCREEN = '\x1b[?1049h\x1b[?25l';
const LEAVE_SCREEN = '\x1b[?25h\x1b[?1049l';

/** What the menu leaves behind when it closes: text to print and the exit code. */
interface Outcome {
  text: string;
  code: number;
}

export function runMenuOnTerminal(
  ctx: CliContext,
  data: MenuData,
  actions: MenuActions,
): Promise<number> {
  const input = ctx.world.stdin as unknown as RawInput;
  const output = ctx.world.stdout;
  const size = (): TerminalSize => ({
    columns: output.columns ?? 80,
    rows: (output as { rows?: number }).rows ?? 24,
  });
  let screen: Screen = MAIN;
  const draw = () => {
    const lines = render(ctx.out, screen, data, size());
    output.write('\x1b[H\x1b[2J' + lines.join('\r\n'));
  };

  return new Promise<number>((resolve, reject) => {
    const finish = (outcome: Outcome | Error) => {
      input.removeListener('keypress', onKey);
      output.removeListener?.('resize', draw);
      input.setRawMode?.(false);
      input.pause();
      output.write(LEAVE_SCREEN);
      if (outcome instanceof Error) return reject(outcome);
      if (outcome.text) ctx.out.line(outcome.text);
      resolve(outcome.code);
    };
    const perform = async (effect: Effect): Promise<Outcome | null> => {
      switch (effect.type) {
        case 'none':
          return null;
        case 'quit':
          return { text: '', code: effect.interrupted ? 130 : 0 };
        case 'load':
          return {
            text: await actions.loadCheckpoint(ctx, data.checkpoints[effect.index]!.checkpoint),
            code: 0,
          };
        case 'new':
          return { text: await actions.newSession(ctx, data.project), code: 0 };
        case 'view':
          screen = { name: 'output', top: 0, ...recentPanel(ctx, data, size().columns) };
          return null;
        case 'search':
          screen = { name: 'output', top: 0, ...searchPanel(ctx, data, effect.query) };
          return null;
        case 'doctor':
          screen = { name: 'output', top: 0, ...(await doctorPanel(ctx)) };
          return null;
      }
    };
    // Keys are handled one after another, never dropped: a fast typist (or tmux send-keys)
    // delivers several in one chunk while an effect is still running.
    let queue = Promise.resolve();
    let done = false;
    const handle = async (key: Key) => {
      if (done) return;
      const next = step(screen, key, {
        checkpoints: data.checkpoints.length,
        page: outputPage(size().rows),
      });
      screen = next.screen;
      const outcome = await perform(next.effect);
      if (outcome) {
        done = true;
        finish(outcome);
      } else draw();
    };
    function onKey(_text: string | undefined, key: Key | undefined) {
      queue = queue
        .then(() => handle(key ?? {}))
        .catch((error: unknown) => {
          done = true;
          finish(error instanceof Error ? error : new Error(String(error)));
        });
    }
    emitKeypressEvents(input);
    input.setRawMode?.(true);
    input.on('keypress', onKey);
    output.on?.('resize', draw);
    input.resume();
    output.write(ENTER_SCREEN);
    draw();
  });
}
