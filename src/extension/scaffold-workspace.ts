/**
 * vscode.workspace.fs adapters for scaffolding: the target folder (a `WritableFolder` for the core's
 * atomic apply), the template folders (the user's overrides from the setting or liftoff.yaml, then the
 * built-in ones shipped with the extension) and an ONNX model's signature. Going through
 * vscode.workspace.fs rather than node:fs keeps remote and virtual workspaces working.
 */
import * as vscode from 'vscode';
import type { WritableFolder } from '../core/scaffold/apply';
import { safeRelativePath, UnsafePathError } from '../core/scaffold/paths';
import type { TemplateSource } from '../core/scaffold/plan';
import type { ScaffoldContext } from '../core/scaffold/context';
import { withOnnxSignature } from '../core/scaffold/onnx-signature';
import type { Logger } from './logging';
import { inspectModelUri } from './model-reports';
import { readConfig } from './config';
import { loadManifest } from '../core/project/load';
import { MANIFEST_FILE } from '../core/project/manifest';
import { isAbsolute } from 'node:path';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The file's text, or undefined when it does not exist. Other failures (a folder, no permission) throw. */
export async function readTextIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return (
    (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') ||
    (error as { code?: string } | undefined)?.code === 'ENOENT'
  );
}

/** A folder of templates read through vscode.workspace.fs; paths inside it pass safeRelativePath. */
function uriTemplates(root: vscode.Uri, label: string): TemplateSource {
  return {
    label,
    read: (templatePath) => readTextIfExists(vscode.Uri.joinPath(root, ...safeRelativePath(templatePath).split('/'))),
  };
}

/** The built-in templates: `templates/` at the extension's root, next to `dist/`. */
export function extensionTemplates(extensionUri: vscode.Uri): TemplateSource {
  return uriTemplates(vscode.Uri.joinPath(extensionUri, 'templates'), 'built-in');
}

/**
 * Where templates are looked up, file by file: the folder in `liftoff.scaffold.templatesPath`, else the
 * one `scaffold.templates` in liftoff.yaml names, then the built-in templates (as the CLI's --templates).
 */
export async function templateSources(
  folder: vscode.WorkspaceFolder,
  extensionUri: vscode.Uri,
): Promise<TemplateSource[]> {
  const sources: TemplateSource[] = [];
  const setting = readConfig(folder.uri).scaffoldTemplatesPath;
  if (setting !== '') {
    sources.push(await overrideFolder(folder, setting, 'the setting liftoff.scaffold.templatesPath'));
  } else {
    const { manifest } = loadManifest(await readTextIfExists(vscode.Uri.joinPath(folder.uri, MANIFEST_FILE)));
    const fromYaml = manifest.scaffold?.templates;
    if (fromYaml !== undefined)
      sources.push(await overrideFolder(folder, fromYaml, `scaffold.templates in ${MANIFEST_FILE}`));
  }
  sources.push(extensionTemplates(extensionUri));
  return sources;
}

/** An override folder: absolute, or relative to the workspace folder; it must exist. */
async function overrideFolder(folder: vscode.WorkspaceFolder, where: string, from: string): Promise<TemplateSource> {
  const uri = isAbsolute(where)
    ? vscode.Uri.file(where)
    : vscode.Uri.joinPath(folder.uri, ...where.split(/[\\/]/).filter((s) => s !== ''));
  const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
  if (stat === undefined || (stat.type & vscode.FileType.Directory) === 0) {
    throw new Error(`The template folder "${where}" (${from}) is not a folder in ${folder.name}. Nothing was written.`);
  }
  return uriTemplates(uri, `overrides: ${where}`);
}

/**
 * The target folder. Every path is checked by the core's `safeRelativePath`, and no folder on the way
 * may be a symbolic link (it could lead out of the workspace folder).
 */
export function workspaceFolderPort(root: vscode.Uri): WritableFolder {
  const fs = vscode.workspace.fs;
  const inside = async (relative: string): Promise<vscode.Uri> => {
    const segments = safeRelativePath(relative).split('/');
    await refuseSymlinkedFolders(root, segments, relative);
    return vscode.Uri.joinPath(root, ...segments);
  };
  return {
    readTextIfExists: async (relative) => readTextIfExists(await inside(relative)),
    writeText: async (relative, text) => {
      const uri = await inside(relative);
      await fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await fs.writeFile(uri, encoder.encode(text));
    },
    rename: async (from, to) => fs.rename(await inside(from), await inside(to), { overwrite: true }),
    remove: async (relative) => {
      try {
        await fs.delete(await inside(relative), { useTrash: false });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}

async function refuseSymlinkedFolders(root: vscode.Uri, segments: readonly string[], shown: string): Promise<void> {
  for (let i = 1; i < segments.length; i++) {
    let type: vscode.FileType;
    try {
      type = (await vscode.workspace.fs.stat(vscode.Uri.joinPath(root, ...segments.slice(0, i)))).type;
    } catch (error) {
      if (isNotFound(error)) return; // the rest does not exist yet: createDirectory will make real folders
      throw error;
    }
    if (type & vscode.FileType.SymbolicLink) {
      throw new UnsafePathError(shown, `${segments.slice(0, i).join('/')} is a symbolic link`);
    }
  }
}

/** An ONNX model's inputs and outputs from its header, for the serving app's request schema. */
export async function withModelSignature(
  folder: vscode.WorkspaceFolder,
  context: ScaffoldContext,
  log: Logger,
): Promise<ScaffoldContext> {
  if (context.modelFormat !== 'onnx') return context;
  const uri = vscode.Uri.joinPath(folder.uri, ...safeRelativePath(context.modelPath).split('/'));
  const header = await inspectModelUri(uri, false).then(
    (report) => report.header,
    () => undefined, // not there yet: the app reads the signature when it starts
  );
  const notes: string[] = [];
  const withSignature = withOnnxSignature(context, header, notes);
  for (const note of notes) log.info(`scaffold ${folder.name}: ${note}`);
  return withSignature;
}
