import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { settingSpec } from '../../../operations/index.js';

export function registerConfigUnset(group: Command, ctx: CliContext): void {
  group
    .command('unset')
    .description('return a setting to its default')
    .argument('<key>', 'the setting')
    .action((key: string) => {
      settingSpec(key);
      const store = ctx.store();
      store.setSetting(key, null);
      store.audit('config.unset', key);
      ctx.out.line(`${key} is back to its default`);
    });
}
