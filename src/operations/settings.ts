// The settings `baton config` knows, each with its meaning, how a typed value is read and its
// default. Unknown keys are refused so a typo does not silently configure nothing; add new
// settings here.
import { BatonError } from '../core/index.js';
import type { JsonValue } from '../core/index.js';
import type { Store } from '../store/index.js';

export interface SettingSpec {
  key: string;
  description: string;
  /** The default, or null for "not set". */
  fallback: JsonValue;
  read(text: string): JsonValue;
}

function wholeNumber(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new BatonError('USAGE', `expected a whole number from ${min} to ${max}, got "${text}"`);
    }
    return n;
  };
}

export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'retention.days',
    description:
      'baton prune deletes journal events, checkpoints and idle sessions older than this many days (todos, decisions and facts stay)',
    fallback: null,
    read: wholeNumber(1, 36_500),
  },
  {
    key: 'retention.checkpointDays',
    description:
      'baton prune deletes checkpoints older than this many days (default: retention.days)',
    fallback: null,
    read: wholeNumber(1, 36_500),
  },
  {
    key: 'backup.keep',
    description:
      'how many backups baton backup keeps in its default folder (older ones are deleted)',
    fallback: 10,
    read: wholeNumber(1, 10_000),
  },
  {
    key: 'backup.intervalHours',
    description:
      'while the daemon runs, it makes a backup into the default folder every this many hours (backup.keep are kept); 0 turns it off',
    fallback: 24,
    read: wholeNumber(0, 87_600),
  },
  {
    key: 'daemon.port',
    description:
      'the port the daemon listens on at 127.0.0.1 ($BATON_DAEMON_PORT wins; takes effect at the next start)',
    fallback: 4317,
    read: wholeNumber(1, 65_535),
  },
  {
    key: 'daemon.autostart',
    description:
      "true: a session's first hook starts the daemon when it is not running, in the background",
    fallback: false,
    read: (text) => {
      if (text === 'true' || text === 'false') return text === 'true';
      throw new BatonError('USAGE', `expected true or false, got "${text}"`);
    },
  },
  {
    key: 'search.embeddings.endpoint',
    description:
      'semantic search (off unless this and search.embeddings.model are set): an OpenAI-compatible embeddings API, e.g. http://localhost:11434/v1; then run baton embeddings index',
    fallback: null,
    read: (text) => {
      if (text === '') return null;
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        throw new BatonError('USAGE', `expected an http(s) URL, got "${text}"`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new BatonError('USAGE', `expected an http(s) URL, got "${text}"`);
      }
      return text;
    },
  },
  {
    key: 'search.embeddings.model',
    description: 'the embeddings model the endpoint should use (e.g. nomic-embed-text)',
    fallback: null,
    read: (text) => (text.trim() === '' ? null : text.trim()),
  },
  {
    key: 'search.embeddings.apiKeyEnv',
    description:
      'the name of the environment variable holding the endpoint’s API key (the key itself is never stored)',
    fallback: null,
    read: (text) => {
      if (text === '') return null;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) {
        throw new BatonError('USAGE', `expected an environment variable name, got "${text}"`);
      }
      return text;
    },
  },
];

export function settingSpec(key: string): SettingSpec {
  const spec = SETTINGS.find((s) => s.key === key);
  if (!spec) {
    throw new BatonError('USAGE', `unknown setting "${key}"`, {
      hint: `settings are: ${SETTINGS.map((s) => s.key).join(', ')}`,
    });
  }
  return spec;
}

/** Where the daemon keeps when its periodic job `job` ("backup") last ran. */
export const lastRunSetting = (job: string): string => `recorder.lastRun.${job}`;

/** The stored value, else the default (null: not set). */
export function settingValue(store: Store, key: string): JsonValue {
  const spec = settingSpec(key);
  const stored = store.getSetting(key);
  return stored === undefined || stored === null ? spec.fallback : stored;
}
