// Pins redaction: every listed secret type is replaced by a typed, keyed mark; equal secrets get
// equal marks; private spans vanish; ordinary code and prose pass through untouched.
import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact.js';

// Built from parts so this file itself holds no scannable secret.
const j = (...parts: string[]) => parts.join('');

export const SECRET_SAMPLES: Record<string, string> = {
  jwt: j(
    'eyJhbGciOiJIUzI1NiJ9',
    '.',
    'eyJzdWIiOiIxMjM0NTY3ODkwIn0',
    '.',
    'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  ),
  aws_access_key: j('AKIA', 'IOSFODNN7EXAMPLE'),
  aws_secret_key: j('aws_secret_access_key = ', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
  gcp_api_key: j('AIza', 'SyA1234567890abcdefghijklmnopqrstuv'),
  azure_storage_key: j(
    'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=',
    'abcdefghijklmnopqrstuvwxyz0123456789ABCD==',
  ),
  openai_key: j('sk-proj-', 'abcdefghijklmnopqrstuvwxyz0123456789ABCD'),
  anthropic_key: j('sk-ant-api03-', 'abcdefghijklmnopqrstuvwxyz0123456789_ABCDEFGH'),
  github_token: j('ghp_', 'abcdefghijklmnopqrstuvwxyz0123456789AB'),
  gitlab_token: j('glpat-', 'abcdefghij1234567890'),
  slack_token: j('xoxb-', '1234567890-abcdefghijklmnop'),
  stripe_key: j('sk_live_', 'abcdefghijklmnop12345678'),
  npm_token: j('npm_', 'abcdefghijklmnopqrstuvwxyz0123456789'),
  private_key: j(
    '-----BEGIN RSA PRIVATE KEY-----\n',
    'MIIEpAIBAAKCAQEA7xyz\nabc123\n',
    '-----END RSA PRIVATE KEY-----',
  ),
  url_password: j('postgres://admin:', 'hunter2secret', '@db.example.com:5432/app'),
  connection_password: j('Server=db;User Id=sa;Password=', 'Sup3rS3cret!', ';'),
  env_value: j('DATABASE_PASSWORD=', 'correct-horse-battery'),
  bearer_token: j('Authorization: Bearer ', 'abcdef0123456789abcdef0123456789'),
};

/** The secret part of each sample, which must not survive. */
export const SECRET_CORES: Record<string, string> = {
  jwt: 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  aws_access_key: 'IOSFODNN7EXAMPLE',
  aws_secret_key: 'wJalrXUtnFEMI/K7MDENG',
  gcp_api_key: 'SyA1234567890abcdefghij',
  azure_storage_key: 'abcdefghijklmnopqrstuvwxyz0123456789ABCD',
  openai_key: 'abcdefghijklmnopqrstuvwxyz0123456789ABCD',
  anthropic_key: 'abcdefghijklmnopqrstuvwxyz0123456789_ABCDEFGH',
  github_token: 'abcdefghijklmnopqrstuvwxyz0123456789AB',
  gitlab_token: 'abcdefghij1234567890',
  slack_token: '1234567890-abcdefghijklmnop',
  stripe_key: 'abcdefghijklmnop12345678',
  npm_token: 'abcdefghijklmnopqrstuvwxyz0123456789',
  private_key: 'MIIEpAIBAAKCAQEA7xyz',
  url_password: 'hunter2secret',
  connection_password: 'Sup3rS3cret!',
  env_value: 'correct-horse-battery',
  bearer_token: 'abcdef0123456789abcdef0123456789',
};

describe('createRedactor', () => {
  const r = createRedactor('test-key');

  for (const [type, sample] of Object.entries(SECRET_SAMPLES)) {
    it(`redacts ${type}`, () => {
      const out = r.text(`before ${sample} after`);
      expect(out).not.toContain(SECRET_CORES[type]);
      expect(out).toMatch(/\[REDACTED:[a-z_]+:[0-9a-f]{8}\]/);
      expect(out.startsWith('before ')).toBe(true);
    });
  }

  it('gives equal secrets equal marks, and different keys different marks', () => {
    const a = r.text(SECRET_SAMPLES.github_token!);
    expect(r.text(`x ${SECRET_SAMPLES.github_token!} y`)).toContain(a);
    expect(createRedactor('other-key').text(SECRET_SAMPLES.github_token!)).not.toBe(a);
  });

  it('is idempotent: a redacted text stays as it is', () => {
    const once = r.text(Object.values(SECRET_SAMPLES).join('\n'));
    expect(r.text(once)).toBe(once);
  });

  it('removes <private> spans entirely, even unclosed ones', () => {
    expect(r.text('a <private>my diary</private> b')).toBe('a [PRIVATE] b');
    expect(r.text('a <private>rest of it')).toBe('a [PRIVATE]');
  });

  it('redacts values under sensitive keys in JSON and in text', () => {
    const out = r.json({
      password: 'letmein123',
      nested: { apiKey: 'abcd1234efgh' },
      tokens: 5,
      input_tokens: 12,
    });
    expect(JSON.stringify(out)).not.toContain('letmein123');
    expect(JSON.stringify(out)).not.toContain('abcd1234efgh');
    expect(out).toMatchObject({ tokens: 5, input_tokens: 12 });
    expect(r.text('"client_secret": "s3cr3t-value-here"')).not.toContain('s3cr3t-value-here');
  });

  it('leaves ordinary code, prose and counts alone', () => {
    const ordinary = [
      'const total = items.reduce((a, b) => a + b, 0);',
      'max_tokens: 4096',
      'NODE_ENV=production',
      'PORT=3000',
      'See https://example.com/docs for details.',
      'The session token expires after an hour.',
      'export function useSession() { return ctx; }',
    ];
    for (const line of ordinary) expect(r.text(line)).toBe(line);
  });
});

describe('createRedactor on repeated long texts', () => {
  it('returns the same redaction and keeps counting what it redacts', () => {
    const r = createRedactor('k');
    const long = `${'log line\n'.repeat(40)}password=hunter22\n`;
    const first = r.text(long);
    expect(r.text(long)).toBe(first);
    expect(first).toContain('[REDACTED:');
    expect(r.counts.get('connection_password')).toBe(2);
    expect(r.json({ a: long, b: [long] })).toEqual({ a: first, b: [first] });
  });
});

describe('password forms on command lines and in headers', () => {
  const r = () => createRedactor('k');
  const pw = j('hunter', '2-Swordfish');
  it.each([
    [`mysql -u root -p${pw} shop`],
    [`mysqldump -p${pw} shop > dump.sql`],
    [`psql --password ${pw}`],
    [`tool --password=${pw} --verbose`],
    [`DB_PASS=${pw} npm start`],
    [`MYSQL_PWD=${pw} mysql`],
    [`Authorization: Basic ${Buffer.from(`me:${pw}`).toString('base64')}`],
    [`curl -u me:${pw} https://api.example.com`],
    [`curl --user "me:${pw}" https://api.example.com`],
  ])('hides the password in %s', (line) => {
    const out = r().text(line);
    expect(out).not.toContain(pw);
    expect(out).not.toContain(Buffer.from(`me:${pw}`).toString('base64'));
    expect(out).toMatch(/\[REDACTED:/);
  });

  it('leaves -p alone outside the MySQL clients', () => {
    expect(r().text('mkdir -p build/out && git add -p')).toBe('mkdir -p build/out && git add -p');
  });

  it('removes nested private spans whole', () => {
    expect(r().text('a <private>x <private>y</private> z</private> b')).toBe('a [PRIVATE] b');
    expect(r().text('a <private>open')).toBe('a [PRIVATE]');
  });
});
