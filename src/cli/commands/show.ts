import type { Command } from 'commander';
import { SHOW_AROUND, showEvent, withHint } from '../../operations/index.js';
import type { EventInContext } from '../../operations/index.js';
import { toJson } from '../../wire/index.js';
import type { CliContext } from '../context.js';
import { examples, parseIntOption, withJson } from '../options.js';
import { printEventInContext } from '../views/event-context.js';

interface ShowFlags {
  around?: number;
  before?: number;
  after?: number;
  json?: boolean;
}

export function registerShow(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('show')
    .description('one event with the turns around it: open a search hit in its context')
    .argument('<event>', 'the number a search hit shows (727 or #727), an event id, or SESSION#N')
    .option(
      '-n, --around <n>',
      `events each side (default ${SHOW_AROUND})`,
      parseIntOption('--around', 0, 1000),
    )
    .option(
      '--before <n>',
      'events before it (default: --around)',
      parseIntOption('--before', 0, 1000),
    )
    .option(
      '--after <n>',
      'events after it (default: --around)',
      parseIntOption('--after', 0, 1000),
    );
  withJson(cmd);
  examples(cmd, [
    'baton show 727                 # the hit numbered #727 by baton search',
    'baton show brave-otter#12 -n 20 # the 12th event of a session, 20 each side',
    'baton show 727 --json',
  ]);
  cmd.action((ref: string, flags: ShowFlags) => {
    const shown = withHint(
      () =>
        showEvent(
          { store: ctx.store() },
          {
            event: ref,
            before: flags.before ?? flags.around,
            after: flags.after ?? flags.around,
          },
        ),
      'NOT_FOUND',
      'use the #number of a `baton search` hit, or SESSION#N (see `baton session list`)',
    );
    if (flags.json) return ctx.out.json(showToJson(shown));
    printEventInContext(ctx.out, shown);
  });
}

export function showToJson(shown: EventInContext) {
  return {
    session: toJson.session(shown.session),
    anchor: shown.anchor.seq,
    position: shown.position,
    firstPosition: shown.firstPosition,
    events: shown.events.map(toJson.event),
  };
}
