/** Messages between the analysis pool and its workers: plain data, structured-clone friendly. */
import type { SeverityOverrides } from '../analyze';
import type { Finding } from '../findings';

export interface AnalysisTask {
  id: number;
  path: string;
  text: string;
  severity?: SeverityOverrides;
}

export interface AnalysisResult {
  id: number;
  findings: Finding[];
  /** Rules that threw on this notebook (skipped), as `rule name: message`. */
  ruleErrors: string[];
}
