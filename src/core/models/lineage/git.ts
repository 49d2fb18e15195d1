/**
 * A HistoryPort backed by the `git` command line: the last commits that touched a notebook and its text in
 * each. Used only when git is installed and the folder is inside a work tree; every failure (no git, not a
 * repository, a timeout) means "no history", never an error, and nothing is written to the repository.
 * The extension uses it in trusted workspaces only: a repository's config is the workspace's code.
 */
import { execFile } from 'node:child_process';
import type { HistoryPort, NotebookHistory } from './history';

export const DEFAULT_MAX_REVISIONS = 20;
const TIMEOUT_MS = 10_000;
const MAX_BUFFER = 64 * 1024 * 1024;

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      // A repository's own config must not make these read-only commands run anything.
      ['-C', cwd, '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '--no-pager', ...args],
      // No pager, no prompts, no locks taken on the user's repository.
      {
        timeout: TIMEOUT_MS,
        maxBuffer: MAX_BUFFER,
        env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat' },
        windowsHide: true,
      },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
}

/** A history port for the work tree holding `root`, or undefined when git or the repository is missing. */
export async function gitHistory(root: string, maxRevisions = DEFAULT_MAX_REVISIONS): Promise<HistoryPort | undefined> {
  const inside = await git(root, ['rev-parse', '--is-inside-work-tree']);
  if (inside?.trim() !== 'true') return undefined;
  return {
    async revisions(notebookPath: string): Promise<NotebookHistory | undefined> {
      const log = await git(root, ['log', `-n${maxRevisions + 1}`, '--format=%H %ct', '--', notebookPath]);
      const commits = (log ?? '')
        .split('\n')
        .map((line) => /^([0-9a-f]{40,64}) (\d+)$/.exec(line.trim()))
        .filter((m): m is RegExpExecArray => m !== null);
      if (commits.length === 0) return undefined;
      const history: NotebookHistory = { revisions: [], truncated: commits.length > maxRevisions };
      for (const [, hash, seconds] of commits.slice(0, maxRevisions)) {
        const text = await git(root, ['show', `${hash}:./${notebookPath}`]);
        if (text === undefined) break; // renamed or removed before this commit: older versions are not this file
        history.revisions.push({ timeMs: Number(seconds) * 1000, text });
      }
      return history.revisions.length > 0 ? history : undefined;
    },
  };
}
