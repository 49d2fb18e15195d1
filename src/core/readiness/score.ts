/** Attestations, the paper's scoring, and the MLOps maturity level. */
import type { Attestation } from '../project/manifest';
import type { Evidence } from './evidence';
import { ML_SECTIONS } from './items';
import type { MaturityLevel, ReadinessItem, SectionScore, Verdict } from './types';

/**
 * An attestation raises an item to 0.5 (done by hand) or 1 (automated elsewhere), but never over a verdict
 * backed by findings: a notebook that leaks does not become ready because someone wrote "done".
 */
export function withAttestation(verdict: Verdict, attestation: Attestation | undefined): Verdict {
  if (attestation === undefined) return verdict;
  const who = [attestation.by, attestation.date].filter(Boolean).join(', ');
  const note = attestation.note ? `: ${attestation.note}` : '';
  const said = `attested ${attestation.status}${who ? ` by ${who}` : ''}${note}`;
  if (verdict.findings !== undefined && verdict.findings.length > 0)
    return { ...verdict, why: `${verdict.why} (${said}, but the findings stand)` };
  const score = attestation.status === 'automated' ? 1 : 0.5;
  if (score <= verdict.score) return verdict;
  const raised: Verdict = { status: score === 1 ? 'pass' : 'partial', score, why: said };
  return verdict.files ? { ...raised, files: verdict.files } : raised;
}

export function sectionScores(items: readonly ReadinessItem[]): SectionScore[] {
  return ML_SECTIONS.map(({ id, label }) => ({
    section: id,
    label,
    score: items.filter((i) => i.mlSection === id).reduce((sum, i) => sum + i.score, 0),
  }));
}

/** As in the paper: the final score is the lowest section sum, so one neglected area caps the whole. */
export function finalScore(sections: readonly SectionScore[]): number {
  return Math.min(...sections.map((s) => s.score));
}

/**
 * Microsoft's MLOps maturity model, derived level by level; each needs the one below:
 * 1 DevOps, no MLOps: a CI workflow runs tests or liftoff check.
 * 2 Automated training: training is reproducible (Infra 1 = 1) and CI runs it (Infra 3 = 1).
 * 3 Automated model deployment: CI builds an image or deploys, after a quality gate (Infra 4 = 1).
 * 4 Full MLOps automated operations: scheduled retraining (Monitor 4 = 1) and quality alerts (Monitor 7 = 1).
 */
export function maturity(ev: Evidence, items: readonly ReadinessItem[]): MaturityLevel {
  const full = (id: string) => items.find((i) => i.id === id)?.score === 1;
  const steps: [boolean, MaturityLevel][] = [
    [
      ev.ci.runsPytest.length + ev.ci.runsLiftoffCheck.length > 0,
      { level: 1, name: 'DevOps but no MLOps', why: 'CI runs tests or liftoff check' },
    ],
    [
      full('infra-1') && full('infra-3'),
      { level: 2, name: 'Automated training', why: 'training is reproducible and runs in CI' },
    ],
    [
      ev.ci.buildsImage.length + ev.ci.deploys.length > 0 && full('infra-4'),
      { level: 3, name: 'Automated model deployment', why: 'CI gates quality and ships the model' },
    ],
    [
      full('monitor-4') && full('monitor-7'),
      { level: 4, name: 'Full MLOps automated operations', why: 'retraining and quality alerts are automatic' },
    ],
  ];
  let reached: MaturityLevel = { level: 0, name: 'No MLOps', why: 'no CI workflow runs tests or liftoff check' };
  for (const [ok, level] of steps) {
    if (!ok) return { ...reached, why: `${reached.why}; next level (${level.name}) needs: ${NEEDS[level.level]}` };
    reached = level;
  }
  return reached;
}

const NEEDS: Record<number, string> = {
  1: 'a CI workflow that runs pytest or liftoff check',
  2: 'reproducible training (Infra 1) executed by CI (Infra 3)',
  3: 'CI that builds or deploys the model after a quality gate (Infra 4)',
  4: 'scheduled retraining (Monitor 4) and prediction-quality alerts (Monitor 7)',
};
