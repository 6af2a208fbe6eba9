/**
 * Secrets written into a valohai.yaml: the file goes into git, so a password in an input URL
 * or a token as an environment variable's default is visible to everyone who can read the
 * repository. Lint warns about them; the preview masks them.
 *
 * Usage:
 *   isSecretName('HF_TOKEN')                        → true
 *   urlCredentials('https://me:pw@host/data.csv')   → { start: 8, end: 13 }  ("me:pw")
 *   maskSecret('https://me:pw@host/data.csv')       → 'https://me:****@host/data.csv'
 *   maskSecret('hunter2')                           → '****'
 */

/** Name patterns of environment variables whose value is a secret (upper-cased before testing). */
const SECRET_NAME_PATTERNS: RegExp[] = [
  /(^|_)TOKEN$/, // HF_TOKEN, GITHUB_TOKEN, TOKEN
  /SECRET/, // AWS_SECRET_ACCESS_KEY, CLIENT_SECRET
  /PASSWORD|PASSWD/, // DB_PASSWORD
  /(^|_)API_?KEY$/, // WANDB_API_KEY, OPENAI_APIKEY
  /(^|_)PRIVATE_KEY$/,
  /(^|_)AUTH_TOKEN|(^|_)ACCESS_TOKEN/, // ..._ACCESS_TOKEN_V2
];

/** Whether an environment variable of this name holds a secret (a token, a password, a secret key). */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  return SECRET_NAME_PATTERNS.some((re) => re.test(upper));
}

/**
 * Where the `user:password` part of a URL is (offsets into `url`, end exclusive), when the URL
 * carries a password in its authority (`scheme://user:password@host/...`). A bare user name
 * (`ssh://git@host`) is not a credential and gives undefined, as does a URL without authority.
 */
export function urlCredentials(url: string): { start: number; end: number } | undefined {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(url);
  if (!scheme) return undefined;
  const start = scheme[0].length;
  const authorityEnd = url.slice(start).search(/[/?#]/);
  const authority = authorityEnd < 0 ? url.slice(start) : url.slice(start, start + authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at < 0) return undefined;
  const colon = authority.indexOf(':');
  // A password must be there: `user:@host` and `user@host` carry none.
  if (colon < 0 || colon > at || colon === at - 1) return undefined;
  return { start, end: start + at };
}

const MASK = '****';

/**
 * A secret value as it may be shown: a URL keeps everything but its password, anything else
 * becomes a fixed mask (the same length whatever the secret, so the length is not told either).
 * Empty text stays empty: there is nothing to hide.
 */
export function maskSecret(value: string): string {
  if (value === '') return value;
  const credentials = urlCredentials(value);
  if (!credentials) return MASK;
  const colon = value.indexOf(':', credentials.start);
  return value.slice(0, colon + 1) + MASK + value.slice(credentials.end);
}
