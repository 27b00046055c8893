// The figures a soak prints: on the console, and — when `npm run soak` runs it — into the file
// BATON_SOAK_FIGURES names, from which the runner (scripts/soak.ts) rewrites RELIABILITY.md.
import { appendFileSync } from 'node:fs';

/** Reports one soak's figures as a Markdown line (no timings are asserted: they are figures). */
export function soakFigure(name: string, text: string): void {
  console.log(`${name}: ${text}`);
  const file = process.env.BATON_SOAK_FIGURES;
  if (file) appendFileSync(file, JSON.stringify({ name, text }) + '\n');
}

/** A test's time limit for a soak of `units` units of work, each given `perUnitMs`. */
export function soakTimeout(units: number, perUnitMs: number): number {
  return Math.max(60_000, 60_000 + units * perUnitMs);
}
