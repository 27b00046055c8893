// Doctor's view of each agent's hooks, from the capture adapters: whether Baton's hooks are
// registered (and which are missing), hook events waiting in the spool, and failures the hook log
// kept that never reached the store. An agent not on this machine is only mentioned.
import { CAPTURE_ADAPTERS, spoolState } from '../../capture/index.js';
import type { CaptureAdapter, CaptureStatus } from '../../capture/index.js';
import { result } from '../../doctor/index.js';
import type { CheckResult, DoctorCheck, DoctorContext } from '../../doctor/index.js';

function hookResult(adapter: CaptureAdapter, status: CaptureStatus, present: boolean): CheckResult {
  const id = `hooks:${adapter.agent}`;
  const title = `${adapter.agent} hooks`;
  const details = [
    ...status.scopes
      .filter((s) => s.events.length > 0 || s.problem)
      .map((s) =>
        s.problem
          ? `${s.scope} (${s.file}): cannot read it: ${s.problem}`
          : `${s.scope} (${s.file}): ${s.events.length} hooks${s.missing.length ? `, missing ${s.missing.join(', ')}` : ''}`,
      ),
    ...(status.spooled ? [`${status.spooled} hook event(s) waiting in the spool`] : []),
    ...status.recentLogLines.map((l) => `hook log: ${l}`),
  ];
  const data = {
    agent: adapter.agent,
    installed: status.installed,
    present,
    spooled: status.spooled,
  };
  if (status.installed && status.trustAdvice) {
    const waiting = status.trust?.filter((t) => t.state !== 'trusted') ?? [];
    const message = `installed, but ${adapter.title} will not run them until trusted`;
    return result(id, title, 'warn', message, {
      details: [...details, ...waiting.map((t) => `${t.state}: ${t.key}`)],
      data: { ...data, trust: status.trust ?? [] },
      fix: status.trustAdvice,
    });
  }
  if (status.installed) {
    return result(id, title, 'ok', 'installed', {
      details,
      data: status.trust ? { ...data, trust: status.trust } : data,
    });
  }
  const partly = status.scopes.some((s) => s.events.length > 0);
  if (!present && !partly) {
    return result(id, title, 'info', `${adapter.title} is not on this machine`, { data });
  }
  return result(
    id,
    title,
    partly ? 'warn' : 'info',
    partly ? 'partly installed' : 'not installed',
    {
      details,
      data,
      fix: `baton install ${adapter.agent}`,
    },
  );
}

/** One result per capture adapter (Claude Code, Codex CLI, Gemini CLI). */
export const hookInstallationCheck: DoctorCheck = function hookInstallationCheck(
  ctx: DoctorContext,
) {
  const env = { env: ctx.env, cwd: ctx.cwd };
  return CAPTURE_ADAPTERS.map((adapter) =>
    hookResult(adapter, adapter.status(env, ctx.store, ctx.home), adapter.present?.(env) ?? true),
  );
};

/**
 * The spool: payloads waiting for the next drain (fine), claims left by a drain that was killed
 * and payloads that could not be replayed (both retried by every drain, so worth knowing about).
 */
export const spoolCheck: DoctorCheck = function spoolCheck(ctx: DoctorContext) {
  const s = spoolState(ctx.home);
  const data = { waiting: s.waiting, claimed: s.claimed, failed: s.failed };
  const details = [
    ...(s.claimed ? [`${s.claimed} claimed by a drain that stopped before finishing`] : []),
    ...(s.failed ? [`${s.failed} could not be replayed (spool/failed/; see logs/hooks.log)`] : []),
  ];
  if (s.claimed + s.failed === 0) {
    return [
      result('spool', 'hook spool', 'ok', `${s.waiting} waiting for the next drain`, { data }),
    ];
  }
  return [
    result('spool', 'hook spool', 'warn', `${s.claimed + s.failed} payload(s) not yet stored`, {
      details,
      data,
      fix: 'run `baton import` (it drains the spool, retrying these); nothing is lost meanwhile',
    }),
  ];
};
