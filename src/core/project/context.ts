/**
 * The project context of one notebook, resolved the same way for the CLI and the extension: from the
 * notebook's folder upwards to the root (the CLI's working directory, the editor's workspace folder),
 * the nearest `liftoff.yaml` gives the rule settings, the nearest folder with dependency declarations
 * gives the declared distributions, and `.py` files and folders on the way are local modules.
 * Folders are read through a small port and cached; `invalidate(folder)` after a file in it changes.
 */
import type { SeverityOverrides } from '../analyze';
import type { Severity } from '../findings';
import { findRule } from '../rules/registry';
import { isDeclarationFile, parseDeclaration, type DeclarationProblem } from './dependencies';
import { formatManifestError, loadManifest } from './load';
import { MANIFEST_FILE } from './manifest';
import type { DeclaredDependencies, ProjectInfo } from './project-info';
import { yaml } from './yaml-module';

export interface FolderEntry {
  name: string;
  kind: 'file' | 'folder';
}

/** Paths are relative to the root, with forward slashes; the root itself is ''. */
export interface ProjectFolders {
  /** The entries of a folder; undefined when it cannot be listed. */
  list(folder: string): Promise<readonly FolderEntry[] | undefined>;
  /** A file's text; undefined when it cannot be read. */
  read(file: string): Promise<string | undefined>;
  /** How a root-relative path is shown to the user (defaults to the path itself). */
  display?(file: string): string;
}

export type ContextProblem = DeclarationProblem;

export interface NotebookContext {
  /** Rule settings from the nearest liftoff.yaml, keyed by rule id; {} without one. */
  severity: Readonly<Record<string, Severity | 'off'>>;
  /** The liftoff.yaml those settings come from, as displayed. */
  manifestFile?: string;
  project: ProjectInfo;
  /** Errors in the files read (liftoff.yaml, declarations), with their line: report them, never throw. */
  problems: ContextProblem[];
}

interface FolderInfo {
  manifest?: { file: string; severity: Record<string, Severity | 'off'>; problems: ContextProblem[] };
  declarations?: { dependencies?: DeclaredDependencies; problems: ContextProblem[] };
  modules: string[];
}

const SEVERITIES: ReadonlySet<string> = new Set(['off', 'error', 'warning', 'info', 'hint']);
const MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class ProjectContexts {
  private readonly folders = new Map<string, Promise<FolderInfo>>();

  constructor(private readonly fs: ProjectFolders) {}

  /** The context of a notebook given by its root-relative path. */
  async resolve(notebook: string): Promise<NotebookContext> {
    const chain = foldersUp(parentOf(notebook));
    const infos = await Promise.all(chain.map((f) => this.folder(f)));
    const manifest = infos.find((i) => i.manifest !== undefined)?.manifest;
    const declaring = infos.findIndex((i) => i.declarations !== undefined);
    const declarations = declaring < 0 ? undefined : infos[declaring]?.declarations;
    // Modules beside the notebook and up to the folder that declares the dependencies (the project root).
    const upTo = declaring < 0 ? infos.length : declaring + 1;
    const modules = new Set(infos.slice(0, upTo).flatMap((i) => i.modules));
    const project: ProjectInfo = { localModules: [...modules].sort() };
    if (declarations?.dependencies !== undefined) project.dependencies = declarations.dependencies;
    return {
      severity: manifest?.severity ?? {},
      ...(manifest === undefined ? {} : { manifestFile: manifest.file }),
      project,
      problems: [...(manifest?.problems ?? []), ...(declarations?.problems ?? [])],
    };
  }

  /** Forgets what was read from a folder (a file in it was created, changed or deleted). */
  invalidate(folder: string): boolean {
    return this.folders.delete(trimSlashes(folder));
  }

  /** Whether the folder was read (so a change in it may change some notebook's context). */
  has(folder: string): boolean {
    return this.folders.has(trimSlashes(folder));
  }

  clear(): void {
    this.folders.clear();
  }

  private folder(folder: string): Promise<FolderInfo> {
    let info = this.folders.get(folder);
    if (info === undefined) {
      info = this.readFolder(folder);
      this.folders.set(folder, info);
    }
    return info;
  }

  private async readFolder(folder: string): Promise<FolderInfo> {
    const entries = (await this.fs.list(folder)) ?? [];
    const info: FolderInfo = { modules: moduleNames(entries) };
    if (entries.some((e) => e.kind === 'file' && e.name === MANIFEST_FILE)) {
      info.manifest = await this.readManifest(join(folder, MANIFEST_FILE));
    }
    const files = entries.filter((e) => e.kind === 'file' && isDeclarationFile(e.name)).map((e) => e.name);
    if (entries.some((e) => e.kind === 'folder' && e.name === 'requirements')) {
      const nested = (await this.fs.list(join(folder, 'requirements'))) ?? [];
      files.push(
        ...nested.filter((e) => e.kind === 'file' && /\.(txt|in)$/.test(e.name)).map((e) => `requirements/${e.name}`),
      );
    }
    if (files.length > 0) info.declarations = await this.readDeclarations(folder, files);
    if (folder === '' || info.declarations !== undefined) {
      // A src/ layout: the project's own packages live one level down.
      if (entries.some((e) => e.kind === 'folder' && e.name === 'src')) {
        info.modules.push(...moduleNames((await this.fs.list(join(folder, 'src'))) ?? []));
      }
    }
    return info;
  }

  private display(file: string): string {
    return this.fs.display?.(file) ?? file;
  }

  private async readManifest(file: string): Promise<FolderInfo['manifest']> {
    const shown = this.display(file);
    const text = await this.fs.read(file);
    if (text === undefined) {
      return { file: shown, severity: {}, problems: [{ file: shown, line: 1, column: 1, message: 'cannot be read' }] };
    }
    const loaded = loadManifest(text, shown);
    const problems: ContextProblem[] = loaded.errors.map((e) => ({ ...e }));
    const severity: Record<string, Severity | 'off'> = {};
    for (const [key, value] of Object.entries(loaded.manifest.rules)) {
      const rule = findRule(key);
      if (rule === undefined) problems.push(unknownRule(text, shown, key));
      // A value the schema rejects is already reported above; the rule keeps its default.
      else if (typeof value === 'string' && SEVERITIES.has(value)) severity[rule.id] = value;
    }
    return { file: shown, severity, problems };
  }

  private async readDeclarations(folder: string, names: string[]): Promise<FolderInfo['declarations']> {
    const distributions: Record<string, string> = {};
    const problems: ContextProblem[] = [];
    const read: string[] = [];
    let declares = false;
    const queue = names.map((n) => join(folder, n));
    const seen = new Set<string>();
    while (queue.length > 0) {
      const file = queue.shift() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = await this.fs.read(file);
      if (text === undefined) continue;
      const shown = this.display(file);
      const parsed = parseDeclaration(file, text);
      if (!parsed.ok) {
        problems.push({ ...parsed.problem, file: shown });
        continue;
      }
      if (!parsed.value.declares) continue;
      declares = true;
      read.push(shown);
      for (const name of parsed.value.names) distributions[name] ??= shown;
      for (const include of parsed.value.includes) queue.push(normalizePath(join(parentOf(file), include)));
    }
    // A file that cannot be parsed might declare anything: better silent than every import flagged.
    if (problems.length > 0) return { problems };
    return declares ? { dependencies: { distributions, files: read }, problems } : undefined;
  }
}

/**
 * `liftoff.rules` (the editor's setting) over liftoff.yaml's `rules:`: both are keyed by rule id or
 * name, so they are compared by rule id; unknown keys are dropped.
 */
export function mergeSeverity(base: SeverityOverrides, override: SeverityOverrides): Record<string, Severity | 'off'> {
  const merged: Record<string, Severity | 'off'> = {};
  for (const layer of [base, override]) {
    for (const [key, value] of Object.entries(layer)) {
      const rule = findRule(key);
      if (rule !== undefined) merged[rule.id] = value;
    }
  }
  return merged;
}

/** `liftoff.yaml:4:3 unknown rule 'hardcode-path'` */
export function formatProblem(p: ContextProblem): string {
  return formatManifestError({ ...p, path: '' });
}

function unknownRule(text: string, file: string, key: string): ContextProblem {
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines });
  const rules = doc.get('rules', true) as { items?: { key?: { value?: unknown; range?: number[] } }[] } | undefined;
  const offset = rules?.items?.find((p) => p.key?.value === key)?.key?.range?.[0] ?? 0;
  const { line, col } = lines.linePos(offset);
  const message = `unknown rule '${key}' in rules (see \`liftoff rules\` for ids and names); it is ignored`;
  return { file, line, column: col, message };
}

function moduleNames(entries: readonly FolderEntry[]): string[] {
  const names: string[] = [];
  for (const e of entries) {
    const name = e.kind === 'file' ? /^(.+)\.(py|pyi|pyx|so|pyd)$/.exec(e.name)?.[1]?.split('.')[0] : e.name;
    if (name !== undefined && MODULE_NAME.test(name)) names.push(name);
  }
  return names;
}

/** 'a/b' -> ['a/b', 'a', '']. */
function foldersUp(folder: string): string[] {
  const chain: string[] = [];
  let current = trimSlashes(folder);
  for (;;) {
    chain.push(current);
    if (current === '') return chain;
    current = parentOf(current);
  }
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function join(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

/** Resolves `.` and `..` in a root-relative path (`-r ../base.txt`); never climbs above the root. */
function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
