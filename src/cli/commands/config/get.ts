import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { withJson } from '../../options.js';
import { settingValue } from '../../../operations/index.js';

export function registerConfigGet(group: Command, ctx: CliContext): void {
  withJson(
    group.command('get').description('print a setting').argument('<key>', 'the setting'),
  ).action((key: string, opts: { json?: boolean }) => {
    const value = settingValue(ctx.store(), key);
    if (opts.json) return ctx.out.json({ key, value });
    ctx.out.line(
      value === null ? '(not set)' : typeof value === 'string' ? value : JSON.stringify(value),
    );
  });
}
