/** Messages between the analysis pool and its workers: plain data, structured-clone friendly. */
import type { SeverityOverrides } from '../analyze';
import type { Finding } from '../findings';
import type { ProjectInfo } from '../project/project-info';

export interface AnalysisTask {
  id: number;
  path: string;
  text: string;
  severity?: SeverityOverrides;
  project?: ProjectInfo;
}

export interface AnalysisResult {
  id: number;
  findings: Finding[];
  /** Rules that threw on this notebook (skipped), as `rule name: message`. */
  ruleErrors: string[];
}
