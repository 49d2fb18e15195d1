/** Wording shared by the dataflow rules: how to name a fitted object, a value and a related site. */
import type { DataflowQueries, FitEvent, Site } from '../analysis/dataflow';
import type { RelatedLocation } from '../findings';
import type { RuleContext } from './rule';

/** `StandardScaler` (from the class) or `scaler` (the variable) for messages. */
export function fitLabel(fit: FitEvent): string {
  const cls = fit.className?.split('.').pop();
  const variable = /^[A-Za-z_]\w*$/.test(fit.object) ? fit.object : undefined;
  if (cls !== undefined && variable !== undefined && variable !== cls) return `\`${variable}\` (${cls})`;
  return `\`${cls ?? variable ?? shorten(fit.object)}\``;
}

export function nodeLabel(q: DataflowQueries, id: number | undefined): string {
  const node = id === undefined ? undefined : q.node(id);
  if (node === undefined) return 'its input';
  return `\`${node.name ?? shorten(node.text)}\``;
}

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}

export function relatedAt(site: Site, message: string): Omit<RelatedLocation, 'file'> {
  return { cellIndex: site.cellIndex, range: site.range, message };
}

/** Names bound by assignments (not imports: `train_test_split` is not a test set), read lazily. */
export function* assignedNames(ctx: RuleContext): Generator<string> {
  for (const c of ctx.codeCells) for (const a of c.facts.assignments) yield* a.targets;
}
