// What the context subcommands share: the scope flags and the not-found hint.
import { withHint } from '../../../operations/index.js';
import type { CliContext } from '../../context.js';

/** A fact not found is pointed at the list. */
export const hinted = <T>(run: () => T): T =>
  withHint(run, 'NOT_FOUND', 'see `baton context list`');

export interface ScopeOpts {
  project?: string;
  global?: boolean;
  json?: boolean;
}

/** The project a fact belongs to, or null for a global one. */
export const scope = (ctx: CliContext, opts: ScopeOpts): string | null =>
  opts.global ? null : ctx.project(opts.project).id;
