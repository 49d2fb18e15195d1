/**
 * Recognises package installs run from a notebook (`%pip install`, `!pip install`, `%conda install`,
 * `!python -m pip install`, `%uv pip install`...) and keeps the requirement specifiers, flags removed.
 */
import type { MagicFact, PipInstallFact } from './facts';

/** Flags that take the next token as their value (a file, a URL, a channel...), for pip, conda and uv. */
const FLAGS_WITH_VALUE: ReadonlySet<string> = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--src',
  '--upgrade-strategy',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--no-binary',
  '--only-binary',
  '--progress-bar',
  '--log',
  '--proxy',
  '--retries',
  '--timeout',
  '--cache-dir',
  '--trusted-host',
  '-C',
  '--config-settings',
  '--python',
  '--channel',
  '-n',
  '--name',
  '-p',
  '--file',
  '--index',
  '--default-index',
]);

/** Shell tokens that end the install command (`&& echo done`, `> /dev/null`, `| tail`). */
const COMMAND_END = /^(?:&&|\|\||;|\||&|\d?>>?|&>|#)/;

export function parsePipInstall(magic: MagicFact): PipInstallFact | undefined {
  if (magic.kind !== 'line-magic' && magic.kind !== 'shell') return undefined;
  const words = shellWords(magic.text.replace(/\\\r?\n/g, ' ').replace(/^(?:%|!!|!)/, ''));
  const start = installStart(words);
  if (!start) return undefined;
  return { tool: start.tool, packages: requirementArgs(words, start.next), range: magic.range };
}

function installStart(words: string[]): { tool: PipInstallFact['tool']; next: number } | undefined {
  let i = 0;
  if (words[i] === 'sudo') i++;
  let tool: PipInstallFact['tool'] | undefined;
  const head = words[i];
  if (head === 'pip' || head === 'pip3') tool = 'pip';
  else if (head === 'conda') tool = 'conda';
  else if (head === 'mamba' || head === 'micromamba') tool = 'mamba';
  else if (head === 'uv' && words[i + 1] === 'pip') {
    tool = 'uv';
    i++;
  } else if (isPython(head) && words[i + 1] === '-m' && (words[i + 2] === 'pip' || words[i + 2] === 'pip3')) {
    tool = 'pip';
    i += 2;
  }
  if (!tool) return undefined;
  i++;
  while (words[i]?.startsWith('-')) i++; // `pip -q install x`
  return words[i] === 'install' ? { tool, next: i + 1 } : undefined;
}

function isPython(word: string | undefined): boolean {
  return word !== undefined && /^(?:python[\d.]*|\{sys\.executable\}|\$sys\.executable|\S*\/python[\d.]*)$/.test(word);
}

function requirementArgs(words: string[], from: number): string[] {
  const packages: string[] = [];
  for (let i = from; i < words.length; i++) {
    const word = words[i];
    if (COMMAND_END.test(word)) break;
    if (word.startsWith('-')) {
      if (FLAGS_WITH_VALUE.has(word)) i++;
      continue;
    }
    if (word !== '') packages.push(word);
  }
  return packages;
}

/** Splits a command line on blanks, honouring simple single and double quotes (quotes removed). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"?|'([^']*)'?|(\S)/g;
  let current: string | undefined;
  let lastEnd = -1;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const piece = m[1] ?? m[2] ?? m[3];
    if (current !== undefined && m.index === lastEnd) current += piece;
    else {
      if (current !== undefined) words.push(current);
      current = piece;
    }
    lastEnd = m.index + m[0].length;
  }
  if (current !== undefined) words.push(current);
  return words;
}
