// Secret redaction, the one place it happens (DESIGN §6). The store calls it on every text and
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
  /** A literal every match contains: text without it skips the rule (no `g` flag). */
  hint: RegExp;
}

// Order matters: more specific prefixes first (Anthropic keys also start with `sk-`).
const TOKEN_RULES: TokenRule[] = [
  {
    type: 'private_key',
    re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    hint: /PRIVATE KEY/,
  },
  {
    type: 'jwt',
    re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
    hint: /eyJ/,
  },
  { type: 'anthropic_key', re: /\bsk-ant-[A-Za-z0-9]{2,10}-[A-Za-z0-9_-]{20,}/g, hint: /sk-ant-/ },
  {
    type: 'openai_key',
    re: /\bsk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}/g,
    hint: /sk-/,
  },
  {
    type: 'aws_access_key',
    re: /\b(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[0-9A-Z]{16}\b/g,
    hint: /AKIA|ASIA|ABIA|ACCA|AROA|AIDA/,
  },
  {
    type: 'aws_secret_key',
    re: /\baws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})/gi,
    group: 1,
    hint: /aws_?secret/i,
  },
  { type: 'gcp_api_key', re: /\bAIza[0-9A-Za-z_-]{35}/g, hint: /AIza/ },
  { type: 'gcp_oauth_token', re: /\bya29\.[0-9A-Za-z_-]{20,}/g, hint: /ya29\./ },
  { type: 'gcp_client_secret', re: /\bGOCSPX-[0-9A-Za-z_-]{20,}/g, hint: /GOCSPX-/ },
  {
    type: 'azure_storage_key',
    re: /\bAccountKey=([A-Za-z0-9+/=]{20,})/g,
    group: 1,
    hint: /AccountKey=/,
  },
  {
    type: 'azure_client_secret',
    re: /\b[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/g,
    hint: /\dQ~/,
  },
  { type: 'azure_sas_signature', re: /\bsig=([A-Za-z0-9%+/=]{20,})/g, group: 1, hint: /sig=/ },
  {
    type: 'github_token',
    re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g,
    hint: /gh[pousr]_|github_pat_/,
  },
  {
    type: 'gitlab_token',
    re: /\bgl(?:pat|dt|rt|ptt|cbt|oas)-[A-Za-z0-9_-]{20,}/g,
    hint: /gl(?:pat|dt|rt|ptt|cbt|oas)-/,
  },
  { type: 'slack_token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, hint: /xox[abposr]-/ },
  {
    type: 'slack_webhook',
    re: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9_]+\/B[A-Za-z0-9_]+\/[A-Za-z0-9_]+/g,
    hint: /hooks\.slack\.com/,
  },
  {
    type: 'stripe_key',
    re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g,
    hint: /[sr]k_(?:live|test)_/,
  },
  { type: 'npm_token', re: /\bnpm_[A-Za-z0-9]{36}\b/g, hint: /npm_/ },
  { type: 'huggingface_token', re: /\bhf_[A-Za-z0-9]{34,}/g, hint: /hf_/ },
  { type: 'sendgrid_key', re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/g, hint: /SG\./ },
  { type: 'digitalocean_token', re: /\bdo[por]_v1_[a-f0-9]{64}/g, hint: /do[por]_v1_/ },
  { type: 'pypi_token', re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{40,}/g, hint: /pypi-/ },
  { type: 'bearer_token', re: /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/g, group: 1, hint: /Bearer/ },
  // user:password@host in any URL scheme (postgres://, mongodb+srv://, https://, redis://…).
  {
    type: 'url_password',
    re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:([^\s@/'"]{1,200})@/gi,
    group: 1,
    hint: /:\/\//,
  },
  // ADO / JDBC style connection strings: Password=…; Pwd=…
  {
    type: 'connection_password',
    re: /\b(?:password|pwd)\s*=\s*([^;\s'"]{1,200})/gi,
    group: 1,
    hint: /password|pwd/i,
  },
];

// Every secret rule's hint in one pass: most text contains none, and then no rule runs at all.
const ANY_HINT = new RegExp(TOKEN_RULES.map((r) => `(?:${r.hint.source})`).join('|'), 'i');

const SENSITIVE_NAME =
  /(?:passw(?:or)?d|passphrase|^pass$|^pwd$|secret|token(?!iz)|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|auth[_-]?key|authorization|cookie|client[_-]?secret|session[_-]?key|signing[_-]?key|encryption[_-]?key)/i;
// SENSITIVE_NAME anywhere in a text: without it no `name: value` pair can be a secret.
const SENSITIVE_WORD =
  /passw|passphrase|pass|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|auth[_-]?key|authorization|cookie|session[_-]?key|signing[_-]?key|encryption[_-]?key/i;
// Names that contain a sensitive word but hold counts, not secrets.
const COUNT_NAME = /tokens?_?(?:count|usage)|max_?tokens|^tokens$|_tokens$/i;

// `NAME=value` / `export NAME="value"` lines, as in .env files and shell exports.
const ENV_LINE = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.]*)([ \t]*=[ \t]*)(.*)$/gm;
// `"name": "value"` and `name: value` where the name says it holds a secret.
const KEYED_VALUE =
  /((["']?)([A-Za-z0-9_.-]*?)\2[ \t]*:[ \t]*)(["']?)([^"'\s,}{]{4,}|[^"'\n]{4,}?)(\4)(?=[\s,}\]]|$)/g;

const PRIVATE_SPAN = /<private>[\s\S]*?(?:<\/private>|$)/gi;
const REDACTED_MARK = /^\[REDACTED:/;
const PLACEHOLDER = /^(?:\$\{?[A-Za-z_]|<[^>]*>$|\*+$|x+$|\.{3}$|null$|undefined$|true$|false$)/i;

export function createRedactor(key: string | Buffer): Redactor {
  const counts = new Map<SecretType, number>();
  const mark = (type: SecretType, secret: string): string => {
    counts.set(type, (counts.get(type) ?? 0) + 1);
    const h = createHmac('sha256', key).update(secret).digest('hex').slice(0, 8);
    return `[REDACTED:${type}:${h}]`;
  };

  const text = (input: string): string => {
    if (input.length === 0) return input;
    let out = input.includes('<') ? input.replace(PRIVATE_SPAN, '[PRIVATE]') : input;
    for (const rule of ANY_HINT.test(out) ? TOKEN_RULES : []) {
      if (!rule.hint.test(out)) continue;
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
    if (out.includes('=')) out = redactEnvLines(out, mark);
    if (out.includes(':') && SENSITIVE_WORD.test(out)) out = redactKeyedValues(out, mark);
    return out;
  };

  const json = <T extends JsonValue>(input: T): T => redactJson(input, text, mark) as T;

  return { text, json, counts };
}

function redactEnvLines(input: string, mark: (t: string, s: string) => string): string {
  return input.replace(ENV_LINE, (line, lead: string, name: string, eq: string, value: string) => {
    const bare = value.trim().replace(/^(["'])(.*)\1$/, '$2');
    if (!bare || REDACTED_MARK.test(bare) || PLACEHOLDER.test(bare)) return line;
    if (!SENSITIVE_NAME.test(name) && !looksLikeSecretValue(bare)) return line;
    return `${lead}${name}${eq}${mark('env_value', bare)}`;
  });
}

function redactKeyedValues(input: string, mark: (t: string, s: string) => string): string {
  return input.replace(
    KEYED_VALUE,
    (whole, head: string, _q: string, name: string, open: string, value: string, close: string) => {
      if (!SENSITIVE_NAME.test(name) || COUNT_NAME.test(name)) {
        return whole;
      }
      const bare = value.trim();
      if (!bare || REDACTED_MARK.test(bare) || PLACEHOLDER.test(bare) || /^\d+$/.test(bare)) {
        return whole;
      }
      return `${head}${open}${mark('keyed_secret', bare)}${close}`;
    },
  );
}

/** A long value mixing letters and digits with no spaces: an unnamed credential in a .env line. */
function looksLikeSecretValue(v: string): boolean {
  if (v.length < 24 || /\s/.test(v) || v.includes('/') || v.includes('\\')) return false;
  return /[A-Za-z]/.test(v) && /\d/.test(v) && /^[A-Za-z0-9_+=.~-]+$/.test(v);
}

function redactJson(
  value: JsonValue,
  text: (s: string) => string,
  mark: (t: string, s: string) => string,
): JsonValue {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, text, mark));
  if (value !== null && typeof value === 'object') {
    const out: { [k: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) {
      if (
        typeof v === 'string' &&
        SENSITIVE_NAME.test(k) &&
        !COUNT_NAME.test(k) &&
        v.length >= 4 &&
        !REDACTED_MARK.test(v) &&
        !PLACEHOLDER.test(v)
      ) {
        out[k] = mark('keyed_secret', v);
      } else {
        out[k] = redactJson(v, text, mark);
      }
    }
    return out;
  }
  return value;
}
