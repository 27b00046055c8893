// Secret redaction, the one place it happens. The store calls it on every text and
// JSON value before anything is written or indexed. A secret becomes `[REDACTED:<type>:<hash>]`,
// where the hash is a short keyed HMAC, so equal secrets stay correlatable without being
// recoverable. `<private>…</private>` spans are removed entirely.
import { createHmac } from 'node:crypto';
import type { JsonValue } from './types.js';

export type SecretType = string;

export interface Redactor {
  text(input: string): string;
  json<T extends JsonValue>(input: T): T;
  /** Every type redacted since creation, with counts (for diagnostics and tests). */
  readonly counts: ReadonlyMap<SecretType, number>;
}

interface TokenRule {
  type: SecretType;
  /** The whole match is the secret unless `group` names the capture that is. */
  re: RegExp;
  group?: number;
  /** Literal substrings one of which must occur for the rule to apply: a cheap pre-check. */
  needs: string[];
}

// Order matters: more specific prefixes first (Anthropic keys also start with `sk-`).
const TOKEN_RULES: TokenRule[] = [
  {
    type: 'private_key',
    needs: ['PRIVATE KEY'],
    re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  {
    type: 'jwt',
    needs: ['eyJ'],
    re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  },
  {
    type: 'anthropic_key',
    needs: ['sk-ant-'],
    re: /\bsk-ant-[A-Za-z0-9]{2,10}-[A-Za-z0-9_-]{20,}/g,
  },
  {
    type: 'openai_key',
    needs: ['sk-'],
    re: /\bsk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}/g,
  },
  {
    type: 'aws_access_key',
    needs: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AROA', 'AIDA'],
    re: /\b(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[0-9A-Z]{16}\b/g,
  },
  {
    type: 'aws_secret_key',
    needs: ['ecret', 'ECRET'],
    re: /\baws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})/gi,
    group: 1,
  },
  { type: 'gcp_api_key', needs: ['AIza'], re: /\bAIza[0-9A-Za-z_-]{35}/g },
  { type: 'gcp_oauth_token', needs: ['ya29.'], re: /\bya29\.[0-9A-Za-z_-]{20,}/g },
  { type: 'gcp_client_secret', needs: ['GOCSPX-'], re: /\bGOCSPX-[0-9A-Za-z_-]{20,}/g },
  {
    type: 'azure_storage_key',
    needs: ['AccountKey='],
    re: /\bAccountKey=([A-Za-z0-9+/=]{20,})/g,
    group: 1,
  },
  {
    type: 'azure_client_secret',
    needs: ['Q~'],
    re: /\b[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/g,
  },
  { type: 'azure_sas_signature', needs: ['sig='], re: /\bsig=([A-Za-z0-9%+/=]{20,})/g, group: 1 },
  {
    type: 'github_token',
    needs: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g,
  },
  {
    type: 'gitlab_token',
    needs: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'gloas-'],
    re: /\bgl(?:pat|dt|rt|ptt|cbt|oas)-[A-Za-z0-9_-]{20,}/g,
  },
  { type: 'slack_token', needs: ['xox'], re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  {
    type: 'slack_webhook',
    needs: ['hooks.slack.com'],
    re: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9_]+\/B[A-Za-z0-9_]+\/[A-Za-z0-9_]+/g,
  },
  {
    type: 'stripe_key',
    needs: ['_live_', '_test_'],
    re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g,
  },
  { type: 'npm_token', needs: ['npm_'], re: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { type: 'huggingface_token', needs: ['hf_'], re: /\bhf_[A-Za-z0-9]{34,}/g },
  { type: 'sendgrid_key', needs: ['SG.'], re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/g },
  { type: 'digitalocean_token', needs: ['_v1_'], re: /\bdo[por]_v1_[a-f0-9]{64}/g },
  { type: 'pypi_token', needs: ['pypi-'], re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{40,}/g },
  {
    // NAME=value inside a line (`DB_PASSWORD=x npm start`); whole .env lines are handled below.
    type: 'env_value',
    needs: [
      'PASSWORD',
      'PASSWD',
      'SECRET',
      'TOKEN',
      'API_KEY',
      'APIKEY',
      'ACCESS_KEY',
      'PRIVATE_KEY',
      'CREDENTIAL',
    ],
    re: /\b[A-Z][A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)[A-Z0-9_]*=("[^"\n]*"|'[^'\n]*'|[^\s"']+)/g,
    group: 1,
  },
  {
    type: 'bearer_token',
    needs: ['Bearer'],
    re: /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/g,
    group: 1,
  },
  // user:password@host in any URL scheme (postgres://, mongodb+srv://, https://, redis://…).
  {
    type: 'url_password',
    needs: ['://'],
    re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:([^\s@/'"]{1,200})@/gi,
    group: 1,
  },
  // DB_PASS=…, MYSQL_PWD=…: PASS and PWD as whole words of an upper-case name.
  {
    type: 'env_value',
    needs: ['PASS', 'PWD'],
    re: /\b(?:[A-Z][A-Z0-9]*_)*(?:PASS|PWD)(?:_[A-Z0-9]+)*=("[^"\n]*"|'[^'\n]*'|[^\s"']+)/g,
    group: 1,
  },
  // --password X, --password=X (and --passwd, --pass, --token, --secret, --api-key).
  {
    type: 'cli_password',
    needs: ['--pass', '--token', '--secret', '--api-key', '--apikey'],
    re: /(?:^|\s)--(?:password|passwd|pass|token|secret|api-key|apikey)(?:=|\s+)("[^"\n]*"|'[^'\n]*'|[^\s"'-][^\s"']*)/g,
    group: 1,
  },
  // mysql -pPASS (the password glued to -p), in the MySQL / MariaDB clients only: elsewhere -p
  // is mkdir's parents, git's patch…
  {
    type: 'cli_password',
    needs: ['mysql', 'mariadb'],
    re: /\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b[^\n|;&]*?\s-p([^\s"'-][^\s"']*)/g,
    group: 1,
  },
  // HTTP Basic credentials: an Authorization header, and curl's -u / --user user:password.
  {
    type: 'basic_auth',
    needs: ['Basic'],
    re: /\bBasic\s+([A-Za-z0-9+/]{8,}={0,2})/g,
    group: 1,
  },
  {
    type: 'basic_auth',
    needs: ['-u', '--user'],
    re: /(?:^|\s)(?:-u|--user)(?:=|\s+)["']?[^\s:"']+:([^\s"']+?)["']?(?=\s|$)/g,
    group: 1,
  },
  // ADO / JDBC style connection strings: Password=…; Pwd=…
  {
    type: 'connection_password',
    needs: ['assword', 'ASSWORD', 'pwd', 'PWD', 'Pwd'],
    re: /\b(?:password|pwd)\s*=\s*([^;\s'"]{1,200})/gi,
    group: 1,
  },
];

// One pass that tells whether any token rule could match: most texts hold no secret at all.
const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const TOKEN_GATE = new RegExp(
  TOKEN_RULES.flatMap((r) => r.needs)
    .map(escapeRe)
    .join('|'),
);

const SENSITIVE_NAME =
  /(?:passw(?:or)?d|passphrase|^pass$|^pwd$|secret|token(?!iz)|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|auth[_-]?key|authorization|cookie|client[_-]?secret|session[_-]?key|signing[_-]?key|encryption[_-]?key)/i;
// Names that contain a sensitive word but hold counts, not secrets.
const COUNT_NAME = /tokens?_?(?:count|usage)|max_?tokens|^tokens$|_tokens$/i;

// `NAME=value` / `export NAME="value"` lines, as in .env files and shell exports.
const ENV_LINE = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.]*)([ \t]*=[ \t]*)(.*)$/gm;
const ENV_LINE_START = /^[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.]*[ \t]*=/m;
// `"name": "value"` and `name: value` where the name says it holds a secret: found by its stem,
// then the name is widened to its word and the value checked right after it (an unanchored regex
// over whole texts cost more than everything else the store does per event).
const STEM =
  /passw(?:or)?d|passphrase|secret|token(?!iz)|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|auth[_-]?key|authorization|cookie|session[_-]?key|signing[_-]?key|encryption[_-]?key/gi;
// One case-insensitive pass, as STEM itself matches (lower-casing a long text first cost more).
const STEM_GATE = /pass|secret|token|key|credential|auth|cookie/i;
const VALUE_AFTER = /^(["']?[ \t]*:[ \t]*)(["']?)([^"'\s,}{]{4,}|[^"'\n]{4,}?)\2(?=[\s,}\]]|$)/;

const REDACTED_MARK = /^\[REDACTED:/;
const PLACEHOLDER = /^(?:\$\{?[A-Za-z_]|<[^>]*>$|\*+$|x+$|\.{3}$|null$|undefined$|true$|false$)/i;

const MEMO_MIN_CHARS = 256;
/** Characters of input remembered at most (a few megabytes), whatever the number of entries. */
const MEMO_CHARS = 4_000_000;

export function createRedactor(key: string | Buffer): Redactor {
  const counts = new Map<SecretType, number>();
  let marked: SecretType[] = [];
  const mark = (type: SecretType, secret: string): string => {
    counts.set(type, (counts.get(type) ?? 0) + 1);
    marked.push(type);
    const h = createHmac('sha256', key).update(secret).digest('hex').slice(0, 8);
    return `[REDACTED:${type}:${h}]`;
  };

  // The same long text often comes twice in one write — a transcript record's raw copy and the
  // event's text hold the same tool output — so recent long results are remembered (same key,
  // same input, same output), with the types they marked so `counts` stays exact.
  const recent = new Map<string, { out: string; types: SecretType[] }>();
  let remembered = 0;
  const text = (input: string): string => {
    if (input.length < MEMO_MIN_CHARS) return redactText(input);
    const hit = recent.get(input);
    if (hit) {
      for (const t of hit.types) counts.set(t, (counts.get(t) ?? 0) + 1);
      return hit.out;
    }
    const outer = marked;
    marked = [];
    const out = redactText(input);
    if (remembered + input.length > MEMO_CHARS) {
      recent.clear();
      remembered = 0;
    }
    if (input.length <= MEMO_CHARS / 4) {
      recent.set(input, { out, types: marked });
      remembered += input.length;
    }
    marked = outer.concat(marked);
    return out;
  };

  const redactText = (input: string): string => {
    if (input.length === 0) return input;
    let out = input.includes('<') ? removePrivate(input) : input;
    const gated = TOKEN_GATE.test(out);
    for (const rule of gated ? TOKEN_RULES : []) {
      if (!rule.needs.some((n) => out.includes(n))) continue;
      rule.re.lastIndex = 0;
      if (!rule.re.test(out)) continue;
      rule.re.lastIndex = 0;
      out = out.replace(rule.re, (whole: string, ...groups: unknown[]) => {
        if (rule.group === undefined) return mark(rule.type, whole);
        const secret = groups[rule.group - 1];
        if (typeof secret !== 'string' || REDACTED_MARK.test(secret)) return whole;
        return whole.replace(secret, mark(rule.type, secret));
      });
    }
    if (out.includes('=') && ENV_LINE_START.test(out)) out = redactEnvLines(out, mark);
    if (out.includes(':') && STEM_GATE.test(out)) out = redactKeyedValues(out, mark);
    return out;
  };

  const json = <T extends JsonValue>(input: T): T => redactJson(input, text, mark) as T;

  return { text, json, counts };
}

/**
 * Replaces each outermost <private>…</private> span (nested ones included) with [PRIVATE]; an
 * unclosed span runs to the end of the text.
 */
function removePrivate(input: string): string {
  if (!/<private>/i.test(input)) return input;
  const tag = /<(\/?)private>/gi;
  let out = '';
  let depth = 0;
  let from = 0;
  for (let m = tag.exec(input); m; m = tag.exec(input)) {
    if (m[1] === '') {
      if (depth === 0) out += input.slice(from, m.index);
      depth += 1;
    } else if (depth > 0) {
      depth -= 1;
      if (depth === 0) {
        out += '[PRIVATE]';
        from = m.index + m[0].length;
      }
    }
  }
  return depth > 0 ? `${out}[PRIVATE]` : out + input.slice(from);
}

function redactEnvLines(input: string, mark: (t: string, s: string) => string): string {
  return input.replace(ENV_LINE, (line, lead: string, name: string, eq: string, value: string) => {
    const bare = value.trim().replace(/^(["'])(.*)\1$/, '$2');
    if (!bare || REDACTED_MARK.test(bare) || PLACEHOLDER.test(bare)) return line;
    if (!SENSITIVE_NAME.test(name) && !looksLikeSecretValue(bare)) return line;
    return `${lead}${name}${eq}${mark('env_value', bare)}`;
  });
}

const isKeyChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_.-]/.test(c);

function redactKeyedValues(input: string, mark: (t: string, s: string) => string): string {
  let out = '';
  let copied = 0;
  STEM.lastIndex = 0;
  for (let m = STEM.exec(input); m; m = STEM.exec(input)) {
    let start = m.index;
    while (isKeyChar(input[start - 1])) start--;
    let end = m.index + m[0].length;
    while (isKeyChar(input[end])) end++;
    STEM.lastIndex = end;
    if (start < copied || COUNT_NAME.test(input.slice(start, end))) continue;
    if (input.slice(Math.max(0, start - 10), start) === '[REDACTED:') continue;
    const after = VALUE_AFTER.exec(input.slice(end, end + 500));
    if (!after) continue;
    const [whole, sep, quote, value] = after as unknown as [string, string, string, string];
    const bare = value.trim();
    if (!bare || REDACTED_MARK.test(bare) || PLACEHOLDER.test(bare) || /^\d+$/.test(bare)) continue;
    if (/^(?:bearer|basic|token)$/i.test(bare)) continue;
    out += input.slice(copied, end) + sep + quote + mark('keyed_secret', bare) + quote;
    copied = end + whole.length;
    STEM.lastIndex = copied;
  }
  return copied === 0 ? input : out + input.slice(copied);
}

/** A long value mixing letters and digits with no spaces: an unnamed credential in a .env line. */
function looksLikeSecretValue(v: string): boolean {
  if (v.length < 24 || /\s/.test(v) || v.includes('/') || v.includes('\\')) return false;
  return /[A-Za-z]/.test(v) && /\d/.test(v) && /^[A-Za-z0-9_+=.~-]+$/.test(v);
}

// Keys repeat across records (`type`, `content`, `tool_use_id`…): whether one names a secret is
// decided once per key.
const sensitiveKeys = new Map<string, boolean>();
function isSensitiveKey(k: string): boolean {
  let hit = sensitiveKeys.get(k);
  if (hit === undefined) {
    hit = SENSITIVE_NAME.test(k) && !COUNT_NAME.test(k);
    if (sensitiveKeys.size >= 10_000) sensitiveKeys.clear();
    sensitiveKeys.set(k, hit);
  }
  return hit;
}

/** Copies only what changes: a record with no secret comes back as the very same value. */
function redactJson(
  value: JsonValue,
  text: (s: string) => string,
  mark: (t: string, s: string) => string,
): JsonValue {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) {
    let out: JsonValue[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = value[i]!;
      const r = redactJson(v, text, mark);
      if (r !== v) (out ??= value.slice())[i] = r;
    }
    return out ?? value;
  }
  if (value !== null && typeof value === 'object') {
    let out: { [k: string]: JsonValue } | null = null;
    for (const k in value) {
      const v = value[k]!;
      const r =
        typeof v === 'string' &&
        isSensitiveKey(k) &&
        v.length >= 4 &&
        !REDACTED_MARK.test(v) &&
        !PLACEHOLDER.test(v)
          ? mark('keyed_secret', v)
          : redactJson(v, text, mark);
      if (r !== v) (out ??= { ...value })[k] = r;
    }
    return out ?? value;
  }
  return value;
}
