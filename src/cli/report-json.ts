/**
 * JSON output for CI and other tools: `{ version, findings, summary }`. Findings are the core Finding
 * values as they are (cellIndex, line and character 0-based; `file` relative to the working directory).
 */
import type { Finding } from '../core/findings';
import type { Summary } from './summary';

export interface JsonReport {
  /** Liftoff's version. */
  version: string;
  findings: readonly Finding[];
  summary: Summary;
}

export function formatFindingsJson(version: string, findings: readonly Finding[], summary: Summary): string {
  const report: JsonReport = { version, findings, summary };
  return JSON.stringify(report, null, 2) + '\n';
}
