// What a project did over time, for the viewer's charts: sessions and events per day and agent,
// and the store's growth as the running total of those events.
import type { DayActivity } from '../store/index.js';
import type { OpsWorld } from './world.js';

export interface ActivityReport {
  days: DayActivity[];
  /** Events recorded up to the end of each day that saw any, oldest first. */
  growth: { day: string; events: number }[];
  agents: string[];
}

/** For one project (its id) or, with null, the whole store. */
export function projectActivity(world: OpsWorld, projectId: string | null): ActivityReport {
  const days = world.store.stats.activityByDay(projectId);
  const growth: ActivityReport['growth'] = [];
  let total = 0;
  for (const d of days) {
    total += d.events;
    const last = growth.at(-1);
    if (last?.day === d.day) last.events = total;
    else growth.push({ day: d.day, events: total });
  }
  const agents = [...new Set(days.map((d) => d.agent))].sort();
  return { days, growth, agents };
}
