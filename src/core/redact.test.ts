// Pins that every secret rule still fires: each rule is skipped when its hint is absent from the
// text, so a hint that does not cover the rule's matches would silently leak that kind of secret.
import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact.js';

const SAMPLES: Record<string, string> = {
  private_key: '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N',
  anthropic_key: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345',
  openai_key: 'sk-proj-abcdefghijklmnopqrstuvwxyz0123',
  aws_access_key: 'AKIAABCDEFGHIJKLMNOP',
  aws_secret_key: 'AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  gcp_api_key: 'AIzaSyA-1234567890abcdefghijklmnopqrstu',
  gcp_oauth_token: 'ya29.a0AfH6SMBabcdefghijklmnop',
  gcp_client_secret: 'GOCSPX-abcdefghijklmnopqrstuv',
  azure_storage_key: 'AccountKey=abcdefghijklmnopqrstuvwxyz==',
  azure_client_secret: 'abc8Q~abcdefghijklmnopqrstuvwxyz0123456',
  azure_sas_signature: 'https://x.blob.core.windows.net/c?sig=abcdefghijklmnopqrstuvwx%3D',
  github_token: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  gitlab_token: 'glpat-abcdefghijklmnopqrst',
  slack_token: 'xoxb-1234567890-abcdefghij',
  slack_webhook: 'https://hooks.slack.com/services/T000/B000/XXXXXXXX',
  stripe_key: 'sk_live_abcdefghijklmnop1234',
  npm_token: 'npm_abcdefghijklmnopqrstuvwxyz0123456789',
  huggingface_token: 'hf_abcdefghijklmnopqrstuvwxyz01234567',
  sendgrid_key: 'SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789abcdefg',
  digitalocean_token: `dop_v1_${'a'.repeat(64)}`,
  pypi_token: `pypi-AgEIcHlwaS5vcmc${'A'.repeat(40)}`,
  bearer_token: 'Authorization header: Bearer abcdefghijklmnopqrstuvwx',
  url_password: 'postgres://app:s3cretpass@db.example.com/app',
  connection_password: 'Server=db;Password=hunter22;',
  keyed_secret: '{"client_secret": "abcd1234efgh"}',
  env_value: 'export DATABASE_PASSWORD=correcthorse',
};

describe('createRedactor', () => {
  it.each(Object.entries(SAMPLES))('redacts %s', (type, sample) => {
    const r = createRedactor('test-key');
    const out = r.text(`before\n${sample}\nafter`);
    expect(out).toContain('[REDACTED:');
    expect(r.counts.get(type), out).toBeGreaterThan(0);
  });

  it('leaves ordinary code and prose alone', () => {
    const r = createRedactor('k');
    const text =
      'const task = tasks.map((t) => t.id);\nrun: npm test -- --token-count 5\nsee https://example.com/a?b=c';
    expect(r.text(text)).toBe(text);
  });
});
