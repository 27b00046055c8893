// Codex runs only the hooks a user trusted (config.toml `[hooks.state]`), and skips the others
// without a word. With the genuine Codex: what install and doctor say about Baton's hooks before
// they are trusted, once trusted as Codex's /hooks view trusts them, and after their command
// changed — each compared with Codex's own view (`codex app-server`, `hooks/list`) and with whether
// `codex exec` (no trust bypass) really ran them.
import { appendFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  codexExec,
  codexHomeOf,
  codexHooksList,
  codexUserConfig,
  findCodex,
  prepareCodexHome,
} from './clients/codex-client.js';
import type { CodexClient, CodexListedHook } from './clients/codex-client.js';
import { openaiDialect, openaiRequestText } from './fake-model/openai-dialect.js';
import { FakeModelServer } from './fake-model/server.js';
import { AgentSandbox, BATON_BIN, keepOrDispose } from './harness/agent-sandbox.js';
import type { BatonRun } from './harness/agent-sandbox.js';

interface HookCheck {
  status: string;
  summary: string;
  fix: string | null;
  data: { trust?: { key: string; state: string }[] };
}

interface Phase {
  doctor: HookCheck;
  codexView: CodexListedHook[];
  /** Whether the phase's `codex exec` handed the model Baton's brief (the SessionStart hook ran). */
  briefed: boolean;
}

interface TrustStory {
  box: AgentSandbox;
  fake: FakeModelServer;
  install: BatonRun;
  untrusted: Phase;
  trusted: Phase;
  changed: Phase;
}

const batonHooks = (hooks: CodexListedHook[]) =>
  // Baton's hooks: `… baton… hook codex`, some started detached (`exec 3<&0; … hook codex <&3 …`).
  hooks.filter((h) => /(^|\s)hook codex(\s|$)/.test(h.command) && /baton/.test(h.command));

async function tellTrustStory(client: CodexClient): Promise<TrustStory> {
  const box = AgentSandbox.create(`codex-trust-${client.version}`);
  const fake = await FakeModelServer.start(openaiDialect);
  const configPath = prepareCodexHome(box, `${codexUserConfig(fake)}\n`);
  const env = { CODEX_HOME: codexHomeOf(box) };
  const install = box.baton(['install', 'codex'], env);
  const phase = async (prompt: string, bypass = false): Promise<Phase> => {
    const report = JSON.parse(box.baton(['doctor', '--json'], env).stdout) as {
      checks: (HookCheck & { id: string })[];
    };
    const codexView = batonHooks(await codexHooksList(client, box));
    fake.scripted([{ text: 'Done.' }]);
    const mark = fake.requests.length;
    const run = await codexExec(client, box, prompt, [], bypass);
    if (run.code !== 0) throw new Error(`codex exec failed: ${run.stderr.slice(-2000)}`);
    return {
      doctor: report.checks.find((c) => c.id === 'hooks:codex')!,
      codexView,
      briefed: openaiRequestText(fake.mainRequests(mark)[0]!).includes('# Baton recovery brief'),
    };
  };
  // A first session with the hooks let through once, so that every later one has a brief due.
  await phase('Plan the greeter', true);
  const untrusted = await phase('Before trusting');
  // What Codex's /hooks view writes when the user trusts each hook.
  const entries = untrusted.codexView.map(
    (h) => `\n[hooks.state.${JSON.stringify(h.key)}]\ntrusted_hash = "${h.currentHash}"\n`,
  );
  appendFileSync(configPath, entries.join(''));
  const trusted = await phase('After trusting');
  // Another command for the same hooks (node's path spelled differently): trust must be renewed.
  const command = `"${process.execPath}" "${dirname(BATON_BIN)}/../bin/baton.js"`;
  const reinstall = box.baton(['install', 'codex', '--command', command], env);
  if (reinstall.code !== 0) throw new Error(`reinstall failed: ${reinstall.stderr}`);
  if (!readFileSync(join(codexHomeOf(box), 'hooks.json'), 'utf8').includes('bin/../'))
    throw new Error('the reinstall did not change the hook command');
  const changed = await phase('After the command changed');
  return { box, fake, install, untrusted, trusted, changed };
}

const byKey = (pairs: [string, string][]): Record<string, string> =>
  Object.fromEntries(pairs.sort(([a], [b]) => a.localeCompare(b)));
const states = (p: Phase) =>
  byKey((p.doctor.data.trust ?? []).map((t): [string, string] => [t.key, t.state]));
const codexStates = (p: Phase) =>
  byKey(p.codexView.map((h): [string, string] => [h.key, h.trustStatus]));

export function describeCodexTrust(version: string): void {
  const client = findCodex(version);
  const missing = 'missing' in client ? client.missing : undefined;
  describe.skipIf(missing !== undefined)(`Codex CLI ${version}, hook trust`, () => {
    let story: TrustStory;
    beforeAll(async () => {
      if ('missing' in client) return;
      story = await tellTrustStory(client);
    }, 240_000);
    afterAll(async () => {
      await story?.fake.close();
      keepOrDispose(story?.box);
    });

    it('install says the hooks will not run until trusted, and how to trust them', () => {
      expect(story.install.code, story.install.stderr).toBe(0);
      expect(story.install.stdout).toContain('10 not yet trusted');
      expect(story.install.stdout).toContain('/hooks');
      expect(story.install.stdout).not.toContain('now recorded');
    });

    it('doctor finds every hook untrusted, as Codex does, and Codex indeed skips them (no brief)', () => {
      const p = story.untrusted;
      expect(p.doctor.status).toBe('warn');
      expect(p.doctor.fix).toContain('/hooks');
      expect(p.codexView).toHaveLength(10);
      expect(Object.values(codexStates(p))).toEqual(Array(10).fill('untrusted'));
      expect(states(p)).toEqual(codexStates(p));
      expect(p.briefed).toBe(false);
    });

    it("doctor finds them trusted once trusted with Codex's own hashes, and Codex runs them", () => {
      const p = story.trusted;
      expect(Object.values(codexStates(p))).toEqual(Array(10).fill('trusted'));
      expect(states(p)).toEqual(codexStates(p));
      expect(p.doctor.status).toBe('ok');
      expect(p.briefed).toBe(true);
    });

    it('doctor says the hooks changed after their command did, and Codex stops running them', () => {
      const p = story.changed;
      expect(p.doctor.status).toBe('warn');
      expect(p.doctor.fix).toContain('10 changed since you trusted them');
      expect(Object.values(states(p))).toEqual(Array(10).fill('changed'));
      expect(Object.values(codexStates(p))).not.toContain('trusted');
      expect(Object.keys(states(p))).toEqual(Object.keys(codexStates(p)));
      expect(p.briefed).toBe(false);
    });
  });
}
