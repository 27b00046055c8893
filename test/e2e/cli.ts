// `ok`: run the built CLI (through runBaton) and insist on success, returning stdout.
import { runBaton } from './run-baton.js';
import type { RunOptions } from './run-baton.js';

export function ok(args: string[], options: RunOptions): string {
  const r = runBaton(args, options);
  if (r.code !== 0) throw new Error(`baton ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}
