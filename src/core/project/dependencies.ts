/**
 * What a project declares it depends on, read from the usual declaration files: requirements*.txt
 * (and `-r` includes), pyproject.toml (PEP 621 [project], PEP 735 [dependency-groups], Poetry, PDM, uv),
 * Pipfile, environment.yml (conda and its pip list) and setup.cfg. Parsing only: the caller reads files.
 * TOML is parsed with smol-toml and YAML with eemeli/yaml, both required on first use.
 */
import { normalize, parseSpecifier, requirementLines } from '../python/packages';
import { yaml } from './yaml-module';

export interface DeclarationProblem {
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  message: string;
}

export interface ParsedDeclaration {
  /** Normalised distribution names (PEP 503). */
  names: string[];
  /** Other requirement files this one includes (`-r base.txt`), relative to its folder. */
  includes: string[];
  /**
   * Whether the file declares dependencies at all: a pyproject.toml or setup.cfg holding only tool
   * settings (black, flake8...) does not, and must not make every import look undeclared.
   */
  declares: boolean;
}

export type DeclarationResult = { ok: true; value: ParsedDeclaration } | { ok: false; problem: DeclarationProblem };

/** Whether a file name (no folder) is one this module reads. */
export function isDeclarationFile(name: string): boolean {
  return (
    /^requirements.*\.(txt|in)$/i.test(name) ||
    name === 'pyproject.toml' ||
    name === 'Pipfile' ||
    name === 'environment.yml' ||
    name === 'environment.yaml' ||
    name === 'setup.cfg'
  );
}

export function parseDeclaration(file: string, text: string): DeclarationResult {
  const name = file.slice(file.lastIndexOf('/') + 1);
  try {
    if (name === 'pyproject.toml') return ok(fromPyproject(toml(text)));
    if (name === 'Pipfile') return ok(fromPipfile(toml(text)));
    if (name === 'environment.yml' || name === 'environment.yaml') return fromEnvironment(file, text);
    if (name === 'setup.cfg') return ok(fromSetupCfg(text));
    return ok(fromRequirements(text));
  } catch (error) {
    const e = error as { line?: unknown; column?: unknown; message?: unknown };
    const line = typeof e.line === 'number' ? e.line : 1;
    const column = typeof e.column === 'number' ? e.column : 1;
    const message = String(e.message ?? error).split('\n')[0] ?? 'cannot be parsed';
    return { ok: false, problem: { file, line, column, message } };
  }
}

function ok(value: ParsedDeclaration): DeclarationResult {
  return { ok: true, value };
}

/** smol-toml's CommonJS build, typed by the one function used (its types are ESM-only). */
let tomlModule: { parse(text: string): unknown } | undefined;

function toml(text: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tomlModule ??= require('smol-toml') as { parse(text: string): unknown };
  return tomlModule.parse(text) as Record<string, unknown>;
}

/** requirements.txt lines: `name[extra]>=1`, `name @ url`, `git+...#egg=name`, `-r other.txt`, `-e .`. */
export function fromRequirements(text: string): ParsedDeclaration {
  const includes: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:-r|--requirement)(?:\s+|=)(\S+)/.exec(line);
    if (m?.[1] !== undefined) includes.push(m[1]);
  }
  const names: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(raw);
    if (egg?.[1] !== undefined) names.push(normalize(egg[1]));
  }
  for (const line of requirementLines(text)) {
    const name = requirementName(line);
    if (name !== undefined) names.push(name);
  }
  return { names, includes, declares: true };
}

/** The distribution of one PEP 508 requirement (`name @ url` included); undefined for URLs and paths. */
function requirementName(spec: string): string | undefined {
  const direct = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*@/.exec(spec);
  if (direct?.[1] !== undefined) return normalize(direct[1]);
  return parseSpecifier(spec)?.key;
}

function fromPyproject(doc: Record<string, unknown>): ParsedDeclaration {
  const names: string[] = [];
  let declares = false;
  const take = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    declares = true;
    for (const item of list) if (typeof item === 'string') pushName(names, requirementName(item));
  };
  const project = record(doc.project);
  if (typeof project.name === 'string') names.push(normalize(project.name));
  take(project.dependencies);
  for (const group of Object.values(record(project['optional-dependencies']))) take(group);
  for (const group of Object.values(record(doc['dependency-groups']))) take(group);
  const tool = record(doc.tool);
  const poetry = record(tool.poetry);
  if (typeof poetry.name === 'string') names.push(normalize(poetry.name));
  const poetryTables = [poetry.dependencies, poetry['dev-dependencies']];
  for (const group of Object.values(record(poetry.group))) poetryTables.push(record(group).dependencies);
  for (const table of poetryTables) {
    if (!isRecord(table)) continue;
    declares = true;
    for (const key of Object.keys(table)) if (key.toLowerCase() !== 'python') names.push(normalize(key));
  }
  for (const group of Object.values(record(record(tool.pdm)['dev-dependencies']))) take(group);
  take(record(tool.uv)['dev-dependencies']);
  return { names, includes: [], declares };
}

function fromPipfile(doc: Record<string, unknown>): ParsedDeclaration {
  const names = [doc.packages, doc['dev-packages']].flatMap((t) => Object.keys(record(t)).map(normalize));
  return { names, includes: [], declares: true };
}

/** Conda specs (`numpy=1.26`, `conda-forge::pandas>=2`) and the `pip:` list; `python` itself is not a package. */
function fromEnvironment(file: string, text: string): DeclarationResult {
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const error = doc.errors[0];
  if (error !== undefined) {
    const { line, col } = lines.linePos(error.pos[0]);
    return { ok: false, problem: { file, line, column: col, message: error.message.split('\n')[0] ?? '' } };
  }
  const names: string[] = [];
  const includes: string[] = [];
  const dependencies = record(doc.toJS()).dependencies;
  for (const dep of Array.isArray(dependencies) ? dependencies : []) {
    if (typeof dep === 'string') {
      const name = /^(?:[^:\s]+::)?([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(dep.trim())?.[1];
      if (name !== undefined && name.toLowerCase() !== 'python') names.push(normalize(name));
    } else if (isRecord(dep) && Array.isArray(dep.pip)) {
      const pip = fromRequirements(dep.pip.filter((p): p is string => typeof p === 'string').join('\n'));
      names.push(...pip.names);
      includes.push(...pip.includes);
    }
  }
  return ok({ names, includes, declares: true });
}

/** `[options] install_requires` and `[options.extras_require]`, values on the key's line or indented below. */
function fromSetupCfg(text: string): ParsedDeclaration {
  const names: string[] = [];
  let declares = false;
  let section = '';
  let collecting = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header?.[1] !== undefined) {
      section = header[1].trim();
      collecting = false;
      continue;
    }
    const entry = /^([A-Za-z0-9_.-]+)\s*[=:]\s*(.*)$/.exec(line);
    if (entry?.[1] !== undefined) {
      collecting = (section === 'options' && entry[1] === 'install_requires') || section === 'options.extras_require';
      if (collecting) {
        declares = true;
        for (const spec of (entry[2] ?? '').split(/[;,]/)) pushName(names, requirementName(spec.trim()));
      }
    } else if (collecting && /^\s+\S/.test(line)) {
      pushName(names, requirementName(line.trim().replace(/\s+#.*$/, '')));
    }
  }
  return { names, includes: [], declares };
}

function pushName(names: string[], name: string | undefined): void {
  if (name !== undefined) names.push(name);
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
