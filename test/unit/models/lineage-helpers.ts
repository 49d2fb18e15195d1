/** Temporary workspaces for the lineage tests: nbformat 4.5 notebooks, files with set mtimes, git commits. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** An nbformat 4.5 notebook as Jupyter writes it: sources as line arrays, ids, a Python kernel. */
export function notebookJson(cells: Array<string | { id: string; source: string }>): string {
  return (
    JSON.stringify(
      {
        cells: cells.map((c, i) => {
          const { id, source } = typeof c === 'string' ? { id: `cell-${i}`, source: c } : c;
          return {
            cell_type: 'code',
            execution_count: i + 1,
            id,
            metadata: {},
            outputs: [],
            source: source.split(/(?<=\n)/),
          };
        }),
        metadata: {
          kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
          language_info: { name: 'python' },
        },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    ) + '\n'
  );
}

export class TempWorkspace {
  readonly root = mkdtempSync(path.join(tmpdir(), 'liftoff-lineage-'));

  write(relative: string, content: string | Uint8Array, mtime?: Date): string {
    const file = path.join(this.root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    if (mtime) utimesSync(file, mtime, mtime);
    return file;
  }

  touch(relative: string, mtime: Date): void {
    const file = path.join(this.root, relative);
    utimesSync(file, mtime, mtime);
  }

  /** Runs git with fixed identity and dates, so commit times are what the test says. */
  git(args: string[], date?: Date): string {
    const when = date ? `${Math.floor(date.getTime() / 1000)} +0000` : undefined;
    return execFileSync('git', ['-C', this.root, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.com',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.com',
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: this.root,
        ...(when ? { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } : {}),
      },
    });
  }

  commit(message: string, date: Date): void {
    this.git(['add', '-A']);
    this.git(['commit', '-q', '-m', message], date);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export const at = (iso: string): Date => new Date(iso);
