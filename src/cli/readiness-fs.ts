/** The file-system side of `liftoff readiness`: a ProjectPort over one folder. */
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { inspectArtifact } from '../core/models/inspect';
import { gitHistory } from '../core/models/lineage/git';
import type { ProbeOptions } from '../core/models/onnx/probe';
import type { ProjectPort } from '../core/readiness/collect';
import { fileSource } from '../core/models/source';

/** Environments, dependencies, build output and VCS folders; `.github` is the one hidden folder that matters. */
const SKIPPED = new Set(['node_modules', 'dist', 'venv', 'site-packages', '__pycache__', 'out', 'build']);
/** Enough for any real project; a runaway walk (a home folder by mistake) stops here. */
const MAX_FILES = 20_000;
/** Config and code only; bigger files are not evidence readiness reads. */
const MAX_TEXT_BYTES = 2_000_000;

/**
 * `probe`: false reads ONNX headers and scans pickles only (cheap, no code runs); options run each ONNX
 * model once in onnxruntime's child process too (and benchmark it with `bench`).
 */
export function nodeProject(root: string, probe: ProbeOptions | false = false): ProjectPort {
  return {
    inspectModel: async (relative) => {
      const file = path.join(root, ...relative.split('/'));
      const handle = await fs.open(file, 'r');
      try {
        const { size } = await handle.stat();
        return await inspectArtifact(file, fileSource(handle, size), probe);
      } finally {
        await handle.close();
      }
    },
    mtimeMs: async (relative) => (await fs.stat(path.join(root, ...relative.split('/')))).mtimeMs,
    // git log/show, read-only, only when a notebook writes a model file of the project (lineage/git.ts).
    history: () => gitHistory(root),
    listFiles: async () => {
      const files: string[] = [];
      await walk(root, '', files);
      return files;
    },
    readText: async (relative) => {
      const file = path.join(root, ...relative.split('/'));
      const stat = await fs.stat(file);
      if (stat.size > MAX_TEXT_BYTES) throw new Error(`${relative} is larger than ${MAX_TEXT_BYTES} bytes`);
      return fs.readFile(file, 'utf8');
    },
  };
}

async function walk(dir: string, prefix: string, files: string[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (files.length >= MAX_FILES) return;
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      const hidden = entry.name.startsWith('.') && entry.name !== '.github';
      if (!hidden && !SKIPPED.has(entry.name)) await walk(path.join(dir, entry.name), relative, files);
    } else if (entry.isFile()) {
      files.push(relative);
    }
  }
}
