/**
 * String literals: one StringFact per literal (implicitly concatenated pieces count as one literal,
 * so `"data/" "train.csv"` is seen as the path it is). Expressions inside f-string replacement
 * fields are still visited for reads and calls.
 */
import type { TreeCursor } from '@lezer/common';
import { K, KIND } from './node-kinds';
import type { Walker } from './walker';

export function visitString(w: Walker, c: TreeCursor): void {
  w.facts.strings.push({ value: w.stringValue(c), range: w.range(c.from, c.to) });
  if (KIND[c.type.id] !== K.String) visitReplacements(w, c);
}

/** Visits the replacement fields of an f-string, or of the f-string pieces of a concatenation. */
function visitReplacements(w: Walker, c: TreeCursor): void {
  if (!c.firstChild()) return;
  do {
    const kind = KIND[c.type.id];
    if (kind === K.FormatReplacement || kind === K.Error) w.visit(c);
    else if (kind === K.FormatString) visitReplacements(w, c);
  } while (c.nextSibling());
  c.parent();
}
