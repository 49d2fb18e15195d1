/**
 * .ipynb text -> Notebook. Never throws: a notebook we cannot read yields a reason the faces turn
 * into a finding on the file, and the rest of the workspace is still analysed.
 */
import type { Cell, CellKind, Notebook, OutputSummary } from './model';

export type ReadResult = { ok: true; notebook: Notebook } | { ok: false; reason: string };

/** Text kept per cell from stream and text/plain outputs (enough to find reported metrics). */
export const OUTPUT_TEXT_CAP = 20_000;

const CELL_KINDS: ReadonlySet<string> = new Set<CellKind>(['code', 'markdown', 'raw']);

type Json = Record<string, unknown>;

export function readNotebook(path: string, text: string): ReadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, reason: 'the file is empty' };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    return { ok: false, reason: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    return readJson(path, data);
  } catch (e) {
    // Defensive: shape checks below should make this unreachable.
    return { ok: false, reason: `unreadable notebook: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function readJson(path: string, data: unknown): ReadResult {
  if (!isObject(data)) return { ok: false, reason: 'the top-level JSON value is not an object' };
  const nbformat = typeof data.nbformat === 'number' ? data.nbformat : undefined;
  if (Array.isArray(data.worksheets) || (nbformat !== undefined && nbformat < 4)) {
    return {
      ok: false,
      reason: `nbformat ${nbformat ?? 3} notebook: convert it with \`jupyter nbconvert --to notebook --nbformat 4\``,
    };
  }
  if (!Array.isArray(data.cells)) return { ok: false, reason: 'the notebook has no "cells" array' };
  const cells: Cell[] = [];
  for (let i = 0; i < data.cells.length; i++) {
    const cell = readCell(data.cells[i], i);
    if (typeof cell === 'string') return { ok: false, reason: cell };
    cells.push(cell);
  }
  const notebook: Notebook = {
    path,
    nbformat: nbformat ?? 4,
    nbformatMinor: typeof data.nbformat_minor === 'number' ? data.nbformat_minor : 0,
    language: languageOf(data.metadata),
    cells,
  };
  return { ok: true, notebook };
}

/** A cell, or the reason it is malformed. People count cells from 1. */
function readCell(raw: unknown, index: number): Cell | string {
  const label = `cell ${index + 1}`;
  if (!isObject(raw)) return `${label} is not an object`;
  if (raw.cell_type === undefined) return `${label} has no cell_type`;
  if (typeof raw.cell_type !== 'string' || !CELL_KINDS.has(raw.cell_type)) {
    return `${label} has an unknown cell_type ${JSON.stringify(raw.cell_type)}`;
  }
  const source = sourceText(raw.source);
  if (source === undefined) return `${label} has a source that is neither a string nor a list of strings`;
  const kind = raw.cell_type as CellKind;
  const cell: Cell = {
    index,
    kind,
    source,
    executionCount: kind === 'code' && typeof raw.execution_count === 'number' ? raw.execution_count : null,
    outputs: kind === 'code' ? summariseOutputs(raw.outputs) : emptyOutputs(),
  };
  if (typeof raw.id === 'string' && raw.id !== '') cell.id = raw.id;
  return cell;
}

function sourceText(source: unknown): string | undefined {
  if (source === undefined || source === null) return '';
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  return undefined;
}

function languageOf(metadata: unknown): string {
  if (!isObject(metadata)) return 'python';
  const fromKernel = isObject(metadata.kernelspec) ? metadata.kernelspec.language : undefined;
  const fromInfo = isObject(metadata.language_info) ? metadata.language_info.name : undefined;
  const language = typeof fromKernel === 'string' && fromKernel ? fromKernel : fromInfo;
  return typeof language === 'string' && language ? language.toLowerCase() : 'python';
}

function emptyOutputs(): OutputSummary {
  return { count: 0, types: [], text: '' };
}

function summariseOutputs(outputs: unknown): OutputSummary {
  const summary = emptyOutputs();
  if (!Array.isArray(outputs)) return summary;
  summary.count = outputs.length;
  let text = '';
  for (const out of outputs) {
    if (!isObject(out)) continue;
    const type = typeof out.output_type === 'string' ? out.output_type : 'unknown';
    if (!summary.types.includes(type)) summary.types.push(type);
    if (type === 'error' && !summary.error) {
      summary.error = { name: stringOr(out.ename, ''), value: stringOr(out.evalue, '') };
    }
    if (text.length < OUTPUT_TEXT_CAP) text += outputText(type, out);
  }
  summary.text = text.length > OUTPUT_TEXT_CAP ? text.slice(0, OUTPUT_TEXT_CAP) : text;
  return summary;
}

function outputText(type: string, out: Json): string {
  if (type === 'stream') return sourceText(out.text) ?? '';
  if (type === 'execute_result' || type === 'display_data') {
    const plain = isObject(out.data) ? sourceText(out.data['text/plain']) : undefined;
    return plain ? (plain.endsWith('\n') ? plain : plain + '\n') : '';
  }
  return '';
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
