import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { SETTINGS, settingSpec } from '../../../operations/index.js';

export function registerConfigSet(group: Command, ctx: CliContext): void {
  group
    .command('set')
    .description('set a setting')
    .argument('<key>', SETTINGS.map((s) => s.key).join(', '))
    .argument('<value>', 'the value')
    .action((key: string, text: string) => {
      const value = settingSpec(key).read(text);
      const store = ctx.store();
      store.setSetting(key, value);
      store.audit('config.set', key, { value });
      ctx.out.line(`${key} = ${JSON.stringify(value)}`);
    });
}
