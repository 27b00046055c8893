// Asking before doing something that cannot be undone. Only a person at a terminal can say yes;
// a script says so with --yes, and anything else is refused rather than left waiting for input.
import { BatonError } from '../core/index.js';
import type { CliContext } from './context.js';

export function isInteractive(ctx: CliContext): boolean {
  const stdin = ctx.world.stdin as { isTTY?: boolean };
  return Boolean(stdin.isTTY && ctx.world.stdout.isTTY);
}

/** Resolves when the user confirmed (or --yes was given); throws USAGE when nobody can confirm. */
export async function confirmOrRefuse(
  ctx: CliContext,
  question: string,
  yes: boolean | undefined,
): Promise<boolean> {
  if (yes) return true;
  if (!isInteractive(ctx)) {
    throw new BatonError('USAGE', 'this cannot be undone and there is no terminal to confirm on', {
      hint: 'add --yes to go ahead from a script',
    });
  }
  // Loaded here: readline and its streams would otherwise load with every command that may ask.
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: ctx.world.stdin, output: ctx.world.stdout });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
