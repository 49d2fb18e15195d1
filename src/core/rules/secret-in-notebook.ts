/**
 * LO502 secret-in-notebook: credentials written into the notebook: known token formats (AWS access key
 * ids, GitHub, OpenAI, Slack, Google and Hugging Face tokens, private key blocks) anywhere in a cell
 * or in its saved output, and long random-looking literals given to names like `password`, `api_key`,
 * `token` or `secret`. Messages never repeat the secret: kind and its first four characters only.
 *
 * Why it matters: a notebook is shared, committed and rendered on GitHub with its outputs. A key in it
 * is a key published; bots scrape public repositories for them within minutes.
 *
 * Bad:  openai.api_key = "sk-proj-..."            (or a token printed in a cell's output)
 * Good: openai.api_key = os.environ["OPENAI_API_KEY"]   # or getpass.getpass(), a secrets manager
 */
import type { StringFact } from '../analysis/facts';
import type { Cell, Position, Range } from '../notebook/model';
import { firstLineRange, sourceLines } from './helpers';
import { cellParts, NO_RESULTS, type CellPart } from '../analysis/cell-memo';
import type { Rule, RuleReport } from './rule';
import { findPrefixedSecrets, isSecretName, looksLikeSecretValue, type SecretMatch } from './secret-patterns';

export const secretInNotebook: Rule = {
  id: 'LO502',
  name: 'secret-in-notebook',
  category: 'security',
  severity: 'error',
  description:
    'API keys, tokens, passwords or private keys are written in a cell or its output, so sharing the notebook leaks them.',
  check(ctx) {
    const reports: RuleReport[] = [];
    const parts = cellParts(ctx, secretsInCode);
    const cells = ctx.notebook.cells;
    let code = 0;
    // Indexed loops, and lists spread only when they hold something: almost every cell adds nothing.
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as Cell;
      // Code cells' source reports are kept per cell; other cells (markdown) are scanned each time.
      if (ctx.codeCells[code]?.cell === cell) {
        const inSource = (parts[code++] as SecretsInCode).inSource;
        if (inSource.length > 0) reports.push(...inSource);
      } else for (const m of findPrefixedSecrets(cell.source)) reports.push(sourceReport(cell, m));
      const outputs = outputReports(cell);
      if (outputs.length > 0) reports.push(...outputs);
    }
    for (let i = 0; i < parts.length; i++) {
      const named = (parts[i] as SecretsInCode).named;
      if (named.length > 0) reports.push(...named);
    }
    return reports;
  },
};

interface SecretsInCode {
  /** Known token formats in the source. */
  inSource: readonly RuleReport[];
  /** Literals given to credential names, outside the tokens above. */
  named: readonly RuleReport[];
}

/** What almost every cell holds: nothing (one shared object, not one kept per cell). */
const NO_SECRETS: SecretsInCode = { inSource: NO_RESULTS, named: NO_RESULTS };

const secretsInCode: CellPart<SecretsInCode> = (_ctx, { cell, facts }) => {
  const matches = findPrefixedSecrets(cell.source);
  const covered: readonly Range[] =
    matches.length === 0 ? NO_RESULTS : matches.map((m) => rangeAt(cell.source, m.index, m.length));
  let named: RuleReport[] | undefined;
  // The cell's lines, split once and only for a cell with a literal that looks like a secret.
  let lines: readonly string[] | undefined;
  // Indexed: `for...of` over the facts' shared empty list (frozen) leaves V8's fast path and allocates.
  for (let i = 0; i < facts.strings.length; i++) {
    const str = facts.strings[i] as StringFact;
    if (!looksLikeSecretValue(str.value) || covered.some((r) => overlaps(r, str.range))) continue;
    lines ??= sourceLines(cell.source);
    const name = credentialName(lines[str.range.start.line] ?? '', str);
    if (name !== undefined) (named ??= []).push(namedReport(cell, str, name));
  }
  if (matches.length === 0 && named === undefined) return NO_SECRETS;
  return { inSource: matches.map((m) => sourceReport(cell, m)), named: named ?? NO_RESULTS };
};

const ADVICE =
  'Revoke and rotate it now (it is in the file and its history), then read it at run time from an environment variable, getpass() or a secrets manager.';

function sourceReport(cell: Cell, m: SecretMatch): RuleReport {
  return {
    cellIndex: cell.index,
    range: rangeAt(cell.source, m.index, m.length),
    message: `A ${m.kind} (${m.preview}…) is written in this ${cell.kind === 'code' ? 'cell' : `${cell.kind} cell`}. ${ADVICE}`,
  };
}

function outputReports(cell: Cell): readonly RuleReport[] {
  const matches = findPrefixedSecrets(cell.outputs.text);
  if (matches.length === 0) return NO_RESULTS;
  const kinds = [...new Set(matches.map((m) => `${m.kind} (${m.preview}…)`))];
  return [
    {
      cellIndex: cell.index,
      range: firstLineRange(cell.source),
      message: `This cell's saved output shows a ${kinds.join(', a ')}. Clear the output, stop printing credentials, and ${ADVICE.charAt(0).toLowerCase()}${ADVICE.slice(1)}`,
    },
  ];
}

function namedReport(cell: Cell, str: StringFact, name: string): RuleReport {
  return {
    cellIndex: cell.index,
    range: str.range,
    message: `\`${name}\` is set to a literal that looks like a real credential ("${str.value.slice(0, 4)}…"). ${ADVICE}`,
  };
}

// What precedes a literal given to a name: `API_KEY = `, `password=`, `"token": `, `os.environ["KEY"] = `,
// `key: str = `; never a comparison (`==`, `!=`).
const NAMED_BEFORE = /([A-Za-z_]\w*)["']?\s*\]?\s*(?::\s*[A-Za-z_][\w.]*\s*)?(?::|(?<![=!<>])=)\s*$/;

/** The credential-like name a literal (one that looks like a secret) on `line` is assigned or passed to. */
function credentialName(line: string, str: StringFact): string | undefined {
  const before = line.slice(0, str.range.start.character).replace(/[rRbBuU]{1,2}$/, '');
  const name = NAMED_BEFORE.exec(before)?.[1];
  return name !== undefined && isSecretName(name) ? name : undefined;
}

function rangeAt(source: string, index: number, length: number): Range {
  return { start: positionAt(source, index), end: positionAt(source, index + length) };
}

function positionAt(source: string, offset: number): Position {
  const before = source.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function overlaps(a: Range, b: Range): boolean {
  const lt = (p: Position, q: Position): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return lt(a.start, b.end) && lt(b.start, a.end);
}
