import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { withJson } from '../../options.js';
import { SETTINGS, settingValue } from '../../../operations/index.js';

export function registerConfigList(group: Command, ctx: CliContext): void {
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
