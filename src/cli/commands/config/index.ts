import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { examples, withJson } from '../../options.js';
import { SETTINGS, settingSpec, settingValue } from '../../settings.js';

export function registerConfig(program: Command, ctx: CliContext): void {
  const group = program
    .command('config')
    .description('settings kept in the store: retention, backups');
  examples(group, [
    'baton config set retention.days 90     # then: baton prune',
    'baton config get retention.days',
    'baton config unset retention.days',
    'baton config list --json',
  ]);

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

  withJson(
    group.command('get').description('print a setting').argument('<key>', 'the setting'),
  ).action((key: string, opts: { json?: boolean }) => {
    const value = settingValue(ctx.store(), key);
    if (opts.json) return ctx.out.json({ key, value });
    ctx.out.line(
      value === null ? '(not set)' : typeof value === 'string' ? value : JSON.stringify(value),
    );
  });

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

  withJson(group.command('list').description('every setting, its value and what it does')).action(
    (opts: { json?: boolean }) => {
      const store = ctx.store();
      const rows = SETTINGS.map((s) => ({
        key: s.key,
        value: settingValue(store, s.key),
        description: s.description,
      }));
      if (opts.json) return ctx.out.json(rows);
      ctx.out.table(
        ['KEY', 'VALUE', 'MEANING'],
        rows.map((r) => [
          r.key,
          r.value === null ? '(not set)' : JSON.stringify(r.value),
          r.description,
        ]),
      );
    },
  );
}
