/**
 * Editing liftoff.yaml's text with the yaml package's Document API: the changes are made on the parsed
 * document (setIn, deleteIn, values changed in place), so comments, key order, blank lines and unrelated
 * sections survive; the printer is told the file's own indentation and never folds long lines.
 * Pure: text in, text out. A file that is not valid YAML, or not a mapping, is refused and never rewritten.
 */
import type { Document, LineCounter } from 'yaml';
import { MANIFEST_FILE } from './manifest';
import { yaml } from './yaml-module';

/** A liftoff.yaml that cannot be edited safely; the message says where and what to fix. */
export class ManifestEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestEditError';
  }
}

/** What a new liftoff.yaml starts with. */
export const NEW_MANIFEST =
  '# Liftoff production manifest (business goal, serving, monitoring, attestations)\nversion: 1\n';

export interface EditableManifest {
  doc: Document;
  /** The text the document was parsed from (NEW_MANIFEST for a missing or blank file). */
  source: string;
  /** `liftoff.yaml:line:column` of a node, for messages. */
  where(node: unknown): string;
}

/** Parses liftoff.yaml for editing; throws ManifestEditError (with line:column) when it is not valid YAML or not a mapping. */
export function parseForEdit(text: string | undefined): EditableManifest {
  const source = text === undefined || text.trim() === '' ? NEW_MANIFEST : text;
  const lines: LineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number): string => {
    const { line, col } = lines.linePos(offset);
    return `${MANIFEST_FILE}:${line}:${col}`;
  };
  const where = (node: unknown): string => {
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return at(range?.[0] ?? 0);
  };
  const [error] = doc.errors;
  if (error !== undefined) {
    throw new ManifestEditError(
      `${at(error.pos[0])} ${error.message.split('\n')[0]}. Fix liftoff.yaml first; Liftoff left it unchanged.`,
    );
  }
  if (doc.contents !== null && !yaml().isMap(doc.contents)) {
    throw new ManifestEditError(
      `${where(doc.contents)} liftoff.yaml is not a mapping of keys (version, business, ...). Liftoff left it unchanged.`,
    );
  }
  return { doc, source, where };
}

/**
 * The mapping under a top-level key, created when missing or empty (`business:` alone); throws when the
 * key holds something else (a list, a string), since writing into it would destroy what the user wrote.
 */
export function sectionForEdit(manifest: EditableManifest, key: string): void {
  const { doc } = manifest;
  const node = doc.get(key, true);
  if (node === undefined || (yaml().isScalar(node) && (node.value === null || node.value === undefined))) {
    doc.set(key, doc.createNode({}));
    return;
  }
  if (!yaml().isMap(node)) {
    throw new ManifestEditError(
      `${manifest.where(node)} \`${key}\` in liftoff.yaml is not a mapping of keys. Liftoff left it unchanged.`,
    );
  }
}

/**
 * Sets a scalar at a path. An existing scalar keeps its node (so its comment and quoting stay) and is
 * only touched when the value differs; anything else is set through the Document API.
 */
export function setScalar(doc: Document, path: readonly string[], value: string | number | boolean): void {
  const node = doc.getIn(path, true);
  if (yaml().isScalar(node)) {
    if (node.value !== value) node.value = value;
    return;
  }
  doc.setIn(path, value);
}

/** The edited document as text, in the original's indentation and line endings. */
export function printManifest(manifest: EditableManifest): string {
  const style = inferStyle(manifest.source);
  const out = manifest.doc.toString({ indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0 });
  return manifest.source.includes('\r\n') ? out.replace(/\r?\n/g, '\r\n') : out;
}

interface Style {
  indent: number;
  /** Whether a list under a key is indented (`key:\n  - a`) or not (`key:\n- a`). */
  indentSeq: boolean;
}

/** The indentation a file already uses: the first nested key's indent, and how its lists sit under their keys. */
export function inferStyle(text: string): Style {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  for (let i = 0; i + 1 < lines.length; i++) {
    const parent = /^(\s*)[^\s#-][^#]*:\s*(#.*)?$/.exec(lines[i] ?? '');
    if (!parent) continue;
    const own = parent[1]?.length ?? 0;
    const child = /^(\s*)(-\s)?/.exec(lines[i + 1] ?? '');
    const depth = child?.[1]?.length ?? 0;
    if (child?.[2] !== undefined) indentSeq ??= depth > own;
    else if (depth > own && own === 0) indent ??= depth - own;
    if (indent !== undefined && indentSeq !== undefined) break;
  }
  return { indent: indent !== undefined && indent >= 1 && indent <= 8 ? indent : 2, indentSeq: indentSeq ?? true };
}
