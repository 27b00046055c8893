// The recovery menu: what `baton` with no arguments opens on a terminal. It lists the project's
// checkpoints and current session and offers Load, New session, View, Search, Diagnostics and
// Quit. Pure parts (menu-model, menu-render) are separate from the one file that touches the
// terminal (menu-terminal). Load and New are injected (menu-actions); by default the recovery
// module's restore and brief stand behind them.
import type { CliContext } from '../context.js';
import { MENU_ACTIONS } from './menu-actions.js';
import type { MenuActions } from './menu-actions.js';
import { loadMenuData } from './menu-data.js';
import { runMenuOnTerminal } from './menu-terminal.js';

export { MENU_ACTIONS, describeOnlyActions, recoveryMenuActions } from './menu-actions.js';
export type { MenuActions } from './menu-actions.js';

export function runMenu(ctx: CliContext, actions: MenuActions = MENU_ACTIONS): Promise<number> {
  const data = loadMenuData(ctx.store(), ctx.project(), ctx.world.env.BATON_SESSION);
  return runMenuOnTerminal(ctx, data, actions);
}
