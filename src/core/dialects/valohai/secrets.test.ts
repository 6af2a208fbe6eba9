import { describe, expect, it } from 'vitest';
import { isSecretName, maskSecret, urlCredentials } from './secrets';

describe('isSecretName', () => {
  it('recognises tokens, secrets, passwords and API keys in any case', () => {
    for (const name of ['HF_TOKEN', 'TOKEN', 'AWS_SECRET_ACCESS_KEY', 'client_secret', 'DB_PASSWORD', 'MYSQL_PASSWD', 'WANDB_API_KEY', 'OPENAI_APIKEY', 'SSH_PRIVATE_KEY', 'GH_ACCESS_TOKEN_V2']) {
      expect(isSecretName(name), name).toBe(true);
    }
  });
  it('leaves ordinary names alone, including ones that merely contain TOKEN or KEY', () => {
    for (const name of ['TOKENIZER', 'MAX_TOKENS', 'AWS_ACCESS_KEY_ID', 'KEYBOARD', 'PWD', 'VH_CLEAN', 'DATA_PATH', 'TOKENIZERS_PARALLELISM']) {
      expect(isSecretName(name), name).toBe(false);
    }
  });
});

describe('urlCredentials', () => {
  it('gives the user:password part of a URL', () => {
    const url = 'https://me:pw@host.example/data.csv';
    const c = urlCredentials(url);
    expect(c && url.slice(c.start, c.end)).toBe('me:pw');
    const s3 = 's3://AKIA:abc/def@bucket/key?x=y';
    const d = urlCredentials('s3://AKIA:abc@bucket/key?x=y');
    expect(d && 's3://AKIA:abc@bucket/key?x=y'.slice(d.start, d.end)).toBe('AKIA:abc');
    expect(urlCredentials(s3)).toBeUndefined(); // the '@' is in the path, not the authority
  });
  it('takes the last @ of the authority, since a password may contain one', () => {
    const url = 'https://me:p@ss@host/x';
    const c = urlCredentials(url);
    expect(c && url.slice(c.start, c.end)).toBe('me:p@ss');
  });
  it('finds nothing without a password or without an authority', () => {
    expect(urlCredentials('ssh://git@github.com/x.git')).toBeUndefined();
    expect(urlCredentials('https://me:@host/x')).toBeUndefined();
    expect(urlCredentials('https://host:8080/x')).toBeUndefined();
    expect(urlCredentials('https://host/path?u=me:pw@x')).toBeUndefined();
    expect(urlCredentials('datum://0123')).toBeUndefined();
    expect(urlCredentials('me:pw@host')).toBeUndefined();
  });
});

describe('maskSecret', () => {
  it('hides only the password of a URL', () => {
    expect(maskSecret('https://me:pw@host/data.csv')).toBe('https://me:****@host/data.csv');
  });
  it('hides any other value entirely, whatever its length', () => {
    expect(maskSecret('hunter2')).toBe('****');
    expect(maskSecret('a-much-longer-secret-value')).toBe('****');
    expect(maskSecret('')).toBe('');
  });
});
