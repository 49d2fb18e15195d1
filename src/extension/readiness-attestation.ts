/**
 * Writes a manual attestation into liftoff.yaml's text with the yaml package's Document API, so the
 * user's comments, key order and formatting survive. Pure text in, text out (no vscode, no fs).
 */
import { parseForEdit, printManifest } from '../core/project/edit';
import { yaml } from '../core/project/yaml-module';
import type { Attestation } from '../core/project/manifest';

export interface AttestResult {
  text: string;
  /** Whether an attestation for the same item was replaced rather than added. */
  replaced: boolean;
}

/** Throws ManifestEditError (with line:column) when liftoff.yaml is not valid YAML; the file is then left alone. */
export function addAttestation(text: string | undefined, entry: Attestation): AttestResult {
  const manifest = parseForEdit(text);
  const { doc } = manifest;
  const node = doc.createNode(clean(entry));
  const list = doc.get('attestations', true);
  if (list === undefined || list === null || (yaml().isScalar(list) && list.value === null)) {
    doc.set('attestations', doc.createNode([clean(entry)]));
    return { text: printManifest(manifest), replaced: false };
  }
  if (!yaml().isSeq(list)) throw new Error(`${manifest.where(list)} \`attestations\` in liftoff.yaml is not a list`);
  const at = list.items.findIndex((it) => yaml().isMap(it) && it.get('item') === entry.item);
  if (at >= 0) list.items[at] = node;
  else list.items.push(node);
  return { text: printManifest(manifest), replaced: at >= 0 };
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
