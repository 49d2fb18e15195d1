/**
 * The versions pip reports in a cell's saved output, for pinning the packages that cell installs:
 * `Successfully installed xgboost-2.0.3 scikit-learn-1.4.2` and
 * `Requirement already satisfied: shap in /opt/conda/lib/python3.10/site-packages (0.44.1)`.
 * Names are normalised as PEP 503 does (python/packages.ts `normalize`).
 */
import { normalize } from '../python/packages';

/** Distribution name (normalised) → version, from pip's own output lines. */
export function installedVersions(outputText: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const line of outputText.split('\n')) {
    const installed = /^\s*Successfully installed\s+(.+)$/.exec(line);
    if (installed) {
      for (const item of installed[1]!.trim().split(/\s+/)) {
        // The version starts at the last "-" followed by a digit: scikit-learn-1.4.2.
        const m = /^(.+)-(\d[^\s-]*)$/.exec(item);
        if (m) versions.set(normalize(m[1]!), m[2]!);
      }
      continue;
    }
    const satisfied =
      /^\s*Requirement already satisfied:\s+([A-Za-z0-9][A-Za-z0-9._-]*)\S*\s+in\s+.*\((\d[^)\s]*)\)\s*$/.exec(line);
    if (satisfied && !versions.has(normalize(satisfied[1]!))) {
      versions.set(normalize(satisfied[1]!), satisfied[2]!);
    }
  }
  return versions;
}

/** The distribution name of a requirement as written: `scikit-learn>=1.3` → scikit-learn; extras kept apart. */
export function requirementName(spec: string): { name: string; extras: string } | undefined {
  const m = /^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?/.exec(spec);
  return m ? { name: m[1]!, extras: m[2] ?? '' } : undefined;
}
