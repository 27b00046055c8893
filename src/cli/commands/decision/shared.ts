// What the decision subcommands share: their options, the not-found hint, a repeatable flag.
import type { DecisionStatus } from '../../../core/index.js';
import { withHint } from '../../../operations/index.js';

export interface DecisionOpts {
  project?: string;
  json?: boolean;
  reason?: string;
  outcome?: string;
  status?: DecisionStatus;
  file?: string[];
  session?: string;
  text?: string;
  supersedes?: string;
}

/** A decision not found is pointed at the list. */
export const hinted = <T>(run: () => T): T =>
  withHint(run, 'NOT_FOUND', 'see `baton decision list`');

export const collect = (v: string, prev: string[] = []) => [...prev, v];
