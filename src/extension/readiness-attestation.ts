/**
 * Writes a manual attestation into liftoff.yaml's text with the yaml package's Document API, so the
 * user's comments, key order and formatting survive. Pure text in, text out (no vscode, no fs).
 */
import { yaml } from '../core/project/yaml-module';
import type { Attestation } from '../core/project/manifest';

export interface AttestResult {
  text: string;
  /** Whether an attestation for the same item was replaced rather than added. */
  replaced: boolean;
}

/** A new manifest: a header comment and the version line, then the attestation. */
const NEW_FILE = '# Liftoff production manifest (business goal, serving, monitoring, attestations)\nversion: 1\n';

export function addAttestation(text: string | undefined, entry: Attestation): AttestResult {
  const source = text === undefined || text.trim() === '' ? NEW_FILE : text;
  const doc = yaml().parseDocument(source);
  if (doc.errors.length > 0) {
    throw new Error(`liftoff.yaml has YAML errors; fix them first (${doc.errors[0].message.split('\n')[0]})`);
  }
  if (doc.contents !== null && !yaml().isMap(doc.contents)) throw new Error('liftoff.yaml is not a mapping of keys');
  const node = doc.createNode(clean(entry));
  const list = doc.get('attestations', true);
  if (list === undefined || list === null) {
    doc.set('attestations', doc.createNode([clean(entry)]));
    return { text: doc.toString(), replaced: false };
  }
  if (!yaml().isSeq(list)) throw new Error('liftoff.yaml: `attestations` is not a list');
  const at = list.items.findIndex((it) => yaml().isMap(it) && it.get('item') === entry.item);
  if (at >= 0) list.items[at] = node;
  else list.items.push(node);
  return { text: doc.toString(), replaced: at >= 0 };
}

/** Drops undefined fields so the YAML has no `note: null`. */
function clean(entry: Attestation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(entry)) if (value !== undefined && value !== '') out[key] = String(value);
  return out;
}

/** The entry as the YAML the user will see, for the confirmation message. */
export function describeAttestation(entry: Attestation): string {
  return Object.entries(clean(entry))
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}
