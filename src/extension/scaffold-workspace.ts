/**
 * vscode.workspace.fs adapters for scaffolding: the target folder (a `WritableFolder` for the core's
 * atomic apply) and the built-in template folder shipped with the extension. Going through
 * vscode.workspace.fs rather than node:fs keeps remote and virtual workspaces working.
 */
import * as vscode from 'vscode';
import type { WritableFolder } from '../core/scaffold/apply';
import { safeRelativePath, UnsafePathError } from '../core/scaffold/paths';
import type { TemplateSource } from '../core/scaffold/plan';

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

/** The built-in templates: `templates/` at the extension's root, next to `dist/`. */
export function extensionTemplates(extensionUri: vscode.Uri): TemplateSource {
  const root = vscode.Uri.joinPath(extensionUri, 'templates');
  return {
    label: 'built-in',
    read: (templatePath) => readTextIfExists(vscode.Uri.joinPath(root, ...safeRelativePath(templatePath).split('/'))),
  };
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
