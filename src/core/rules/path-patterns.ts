/**
 * Which string literals are machine-specific paths (used by LO101 hardcoded-path).
 * Precise on purpose: only roots that name a person, a machine or a hosted service are flagged;
 * /tmp, /dev/null, /usr, /etc, API routes like "/v2/models" and URLs are not.
 */

interface PathPattern {
  kind: string;
  pattern: RegExp;
  /** Regex-looking strings (backslashes, anchors, alternation) are skipped for POSIX-style roots. */
  posix: boolean;
}

const PATTERNS: readonly PathPattern[] = [
  { kind: 'user home directory', pattern: /^\/(?:home|Users)\/[^/]+/, posix: true },
  { kind: 'root home directory', pattern: /^\/root\/[^/]+/, posix: true },
  { kind: 'Google Colab Drive', pattern: /^\/content\/(?:drive|gdrive)(?:\/|$)/, posix: true },
  { kind: 'Kaggle', pattern: /^\/kaggle\/[^/]+/, posix: true },
  { kind: 'mounted drive', pattern: /^\/(?:mnt|media)\/[^/]+/, posix: true },
  { kind: 'home-relative', pattern: /^~[/\\][^/\\]/, posix: true },
  { kind: 'Windows drive', pattern: /^[A-Za-z]:[\\/][^\\/]/, posix: false },
  { kind: 'network share', pattern: /^\\\\[^\\]+\\[^\\]+/, posix: false },
];

const REGEX_HINTS = /\\|\(\?|\||\^|\$$/;
const CONTROL = /[\n\r\t]/;

/** A short description of the path's root ("user home directory"), or undefined when not machine-specific. */
export function classifyPath(value: string): string | undefined {
  if (!mayBeRooted(value) || value.length > 400 || CONTROL.test(value)) return undefined;
  for (const { kind, pattern, posix } of PATTERNS) {
    if (!pattern.test(value)) continue;
    if (posix && REGEX_HINTS.test(value)) return undefined;
    return kind;
  }
  return undefined;
}

/**
 * Every pattern above starts with `/`, `~`, `\\` or a drive letter and a colon: most strings (every
 * literal of every cell goes through here) are settled by their first two characters.
 */
function mayBeRooted(value: string): boolean {
  const first = value.charCodeAt(0);
  return first === 47 /* / */ || first === 126 /* ~ */ || first === 92 /* \ */ || value.charCodeAt(1) === 58; /* : */
}

const DATA_FOLDERS = new Set(['data', 'datasets', 'dataset', 'input', 'inputs']);

/**
 * `/home/alice/projects/churn/data/customers.csv` -> `data/customers.csv`: the path from the last
 * data-like folder, which usually sits next to the notebook in the repository. Undefined when no
 * such folder exists (or on Kaggle, whose /kaggle/input layout is not a project layout).
 */
export function relativeSuggestion(value: string): string | undefined {
  if (value.startsWith('/kaggle/')) return undefined;
  const segments = value.split(/[\\/]+/);
  for (let i = segments.length - 2; i > 0; i--) {
    const segment = segments[i] ?? '';
    if (DATA_FOLDERS.has(segment.toLowerCase())) {
      const rest = segments.slice(i);
      return rest[rest.length - 1] === '' ? undefined : rest.join('/');
    }
  }
  return undefined;
}
