import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTfvars, readTfVars } from '../tf-vars.ts';

const VARIABLES_TF = `
variable "mail_from" {
  description = "Sender."
  type        = string
}

variable "reserved_concurrency_enabled" {
  description = <<-EOT
    Reserve things. default = true would be wrong here.
  EOT
  type    = bool
  default = false
}

variable "region" {
  type    = string
  default = "us-east-1" # the default region
}
`;

function envDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'doctor-tfvars-'));
  writeFileSync(path.join(dir, 'variables.tf'), VARIABLES_TF);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const NAMES = ['mail_from', 'reserved_concurrency_enabled', 'region'] as const;

describe('parseTfvars', () => {
  it('reads top-level scalars and skips comments and keys inside maps', () => {
    const parsed = parseTfvars(
      [
        '# a comment',
        'mail_from = "photos@site.org" # trailing',
        'reserved_concurrency_enabled = true',
        'tags = {',
        '  mail_from = "inner@site.org"',
        '}',
        'url = "https://x.org//path"',
      ].join('\n'),
    );
    expect(parsed.get('mail_from')?.value).toBe('photos@site.org');
    expect(parsed.get('reserved_concurrency_enabled')?.value).toBe(true);
    expect(parsed.get('url')?.value).toBe('https://x.org//path');
    expect([...parsed.keys()]).toEqual(['mail_from', 'reserved_concurrency_enabled', 'tags', 'url']);
  });
});

describe('readTfVars', () => {
  it('falls back to the defaults of variables.tf and leaves required ones unset', () => {
    const vars = readTfVars(envDir({}), NAMES, {});
    expect(vars.mail_from).toEqual({ value: undefined, source: undefined });
    expect(vars.reserved_concurrency_enabled).toEqual({ value: false, source: 'default' });
    expect(vars.region).toEqual({ value: 'us-east-1', source: 'default' });
  });

  it('applies TF_VAR_, then terraform.tfvars, then *.auto.tfvars in lexical order', () => {
    const dir = envDir({
      'terraform.tfvars': 'mail_from = "file@site.org"\nregion = "eu-west-1"\n',
      'b.auto.tfvars': 'region = "eu-central-1"\n',
      'a.auto.tfvars.json': JSON.stringify({ region: 'ap-south-1', reserved_concurrency_enabled: true }),
    });
    const vars = readTfVars(dir, NAMES, {
      TF_VAR_mail_from: 'env@site.org',
      TF_VAR_reserved_concurrency_enabled: 'false',
    });
    expect(vars.mail_from).toEqual({ value: 'file@site.org', source: 'terraform.tfvars' });
    expect(vars.region).toEqual({ value: 'eu-central-1', source: 'b.auto.tfvars' });
    expect(vars.reserved_concurrency_enabled).toEqual({ value: true, source: 'a.auto.tfvars.json' });
  });

  it('reads TF_VAR_ booleans as HCL and strings literally', () => {
    const vars = readTfVars(envDir({}), NAMES, {
      TF_VAR_reserved_concurrency_enabled: 'true',
      TF_VAR_mail_from: 'env@site.org',
    });
    expect(vars.reserved_concurrency_enabled?.value).toBe(true);
    expect(vars.mail_from).toEqual({ value: 'env@site.org', source: 'TF_VAR_mail_from' });
  });

  it('says when a value is not a plain scalar instead of guessing', () => {
    const vars = readTfVars(
      envDir({ 'terraform.tfvars': 'mail_from = lower("Photos@Site.org")\n' }),
      NAMES,
      {},
    );
    expect(vars.mail_from?.value).toBeUndefined();
    expect(vars.mail_from?.unreadable).toBe('lower("Photos@Site.org")');
  });
});
