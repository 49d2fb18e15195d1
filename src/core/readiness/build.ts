/** `buildReadiness`: snapshot in, checklist and scores out. Pure; both faces call it. */
import type { Notebook } from '../notebook/model';
import { businessNumbers } from './business';
import { BUSINESS_RULES } from './evidence-business';
import { DATA_RULES } from './evidence-data';
import { gatherEvidence } from './evidence';
import { INFRA_RULES } from './evidence-infra';
import { MODEL_RULES } from './evidence-model';
import { MONITOR_RULES } from './evidence-monitor';
import { ITEMS } from './items';
import { finalScore, maturity, sectionScores, withAttestation } from './score';
import type { ReadinessItem, ReadinessReport, Verdict, WorkspaceSnapshot } from './types';
import { unknown } from './verdict';

export function buildReadiness(snapshot: WorkspaceSnapshot): ReadinessReport {
  const ev = gatherEvidence(snapshot);
  const { manifest } = ev.loaded;
  const notebooks = snapshot.notebooks.map((n) => n.notebook).filter((n): n is Notebook => n !== undefined);
  const money = businessNumbers(notebooks, manifest.business);
  const rules: Record<string, (e: typeof ev) => Verdict> = {
    ...DATA_RULES,
    ...MODEL_RULES,
    ...INFRA_RULES,
    ...MONITOR_RULES,
  };
  const items: ReadinessItem[] = ITEMS.map((def) => {
    const business = BUSINESS_RULES[def.id];
    const rule = rules[def.id];
    const verdict = business ? business(ev, money) : rule ? rule(ev) : unknown('no evidence rule yet');
    const attestation = manifest.attestations.find((a) => a.item === def.id);
    return { ...def, ...withAttestation(verdict, attestation) };
  });
  const sections = sectionScores(items);
  return {
    items,
    sections,
    finalScore: finalScore(sections),
    maturity: maturity(ev, items),
    manifestPresent: ev.loaded.present,
    manifestErrors: ev.loaded.errors,
    manifest,
    business: money,
  };
}
