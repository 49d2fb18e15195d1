/**
 * Secret formats for LO502: token formats with a recognisable prefix, the names that say "this is a
 * credential", and the entropy test for literals assigned to such names. Placeholders and examples
 * ("YOUR_API_KEY", "sk-xxxx...", AWS's documented AKIAIOSFODNN7EXAMPLE) are not secrets.
 */

export interface SecretMatch {
  kind: string;
  /** Offset of the secret in the scanned text, and its length. */
  index: number;
  length: number;
  /** At most four characters of the secret, safe to show. */
  preview: string;
}

interface TokenFormat {
  kind: string;
  pattern: RegExp;
  /** Extra test on the match (mixed case, digits...) that prose and identifiers fail. */
  accept?: (token: string) => boolean;
}

const mixedAlnum = (s: string): boolean => /[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s);

// Each pattern must be global; lookbehinds keep matches from starting inside a longer word.
const TOKEN_FORMATS: readonly TokenFormat[] = [
  { kind: 'AWS access key id', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])/g },
  { kind: 'GitHub token', pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,}(?![A-Za-z0-9])/g },
  { kind: 'GitHub token', pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{40,}/g },
  {
    kind: 'OpenAI API key',
    pattern: /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g,
    accept: (t) => mixedAlnum(t.replace(/^sk-(?:proj-|svcacct-|admin-)?/, '')),
  },
  { kind: 'Slack token', pattern: /(?<![A-Za-z0-9_-])xox[baprs]-\d+-[A-Za-z0-9-]{8,}/g },
  { kind: 'Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  {
    kind: 'Hugging Face token',
    pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}(?![A-Za-z0-9_])/g,
    accept: (t) => /[A-Z]/.test(t) && /[a-z]/.test(t.slice(3)),
  },
  { kind: 'private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
];

const PLACEHOLDER =
  /x{4,}|X{4,}|\*{3,}|\.{3}|<[^>]*>|\{[^}]*\}|^\$|\$[({]|example|your|change.?me|dummy|placeholder|redacted|replace|insert|enter|fake|sample|test|here|todo|secret_?key_?here/i;

// Every token format's prefix in one pattern: almost no cell has any, so one scan settles most cells
// (this runs on every cell at every re-analysis, so it sits on the editor's hot path).
const ANY_PREFIX = /AKIA|ASIA|gh[pousr]_|github_pat_|sk-|xox[baprs]-|AIza|hf_|PRIVATE KEY/;

const NO_MATCHES: readonly SecretMatch[] = [];

/** Token formats with known prefixes, anywhere in `text` (source, comments, outputs). */
export function findPrefixedSecrets(text: string): readonly SecretMatch[] {
  if (!ANY_PREFIX.test(text)) return NO_MATCHES;
  const found: SecretMatch[] = [];
  for (const format of TOKEN_FORMATS) {
    for (const m of text.matchAll(format.pattern)) {
      const token = m[0];
      if (format.kind !== 'private key' && (PLACEHOLDER.test(token) || /(.)\1{5,}/.test(token))) continue;
      if (format.accept !== undefined && !format.accept(token)) continue;
      found.push({ kind: format.kind, index: m.index ?? 0, length: token.length, preview: token.slice(0, 4) });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'secret', 'token', 'apikey', 'passphrase', 'credentials']);
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'auth', 'client', 'signing', 'encryption']);
// `TOKEN_PATH`, `max_tokens`, `secret_name`, `password_field`: about a credential, not one.
const NOT_A_VALUE = new Set([
  'max', 'min', 'num', 'len', 'length', 'count', 'id', 'ids', 'type', 'path', 'file', 'dir', 'url', 'uri',
  'name', 'size', 'idx', 'index', 'limit', 'pattern', 'regex', 're', 'field', 'header', 'env', 'var',
  'prompt', 'label', 'column', 'col', 'key_name', 'scope', 'policy', 'arn', 'endpoint', 'host', 'user', 'username',
]); // prettier-ignore

/** Whether a variable, key or keyword name says it holds a credential (`API_KEY`, `db_password`, `hf_token`). */
export function isSecretName(name: string): boolean {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((p) => p !== '');
  if (parts.some((p) => NOT_A_VALUE.has(p))) return false;
  if (parts.some((p) => SECRET_WORDS.has(p))) return true;
  return parts.some((p, i) => p === 'key' && i > 0 && KEY_QUALIFIERS.has(parts[i - 1] ?? ''));
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A literal that looks like a real credential: long, no spaces, varied characters, not a placeholder. */
export function looksLikeSecretValue(value: string): boolean {
  if (value.length < 12 || value.length > 512 || WHITESPACE.test(value)) return false;
  if (PLACEHOLDER.test(value) || REPEATED.test(value)) return false;
  // An environment variable's name, a path or a URL, not the secret itself.
  if (ENV_NAME.test(value) || SLASH.test(value) || SCHEME.test(value)) return false;
  // A file name (`service_account.json`) or words joined by `_`/`-` (`my_service_account_key`).
  if (FILE_NAME.test(value) || JOINED_WORDS.test(value)) return false;
  let classes = 0;
  for (const re of CHARACTER_CLASSES) if (re.test(value)) classes++;
  return classes >= 2 && shannonEntropy(value) >= 3.2;
}

// Made once: a regular expression literal inside the function is a new object at every call, and this
// runs for every long string literal of every cell.
const WHITESPACE = /\s/;
const REPEATED = /(.)\1{3,}/;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;
const SLASH = /[/\\]/;
const SCHEME = /^[a-z]+:/;
const FILE_NAME = /\.[A-Za-z][A-Za-z0-9]{1,5}$/;
const JOINED_WORDS = /^[a-z]+(?:[_-][a-z]+)+$/i;
const CHARACTER_CLASSES: readonly RegExp[] = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/];
