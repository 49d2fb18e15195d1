/**
 * Which imports a pickle may name. A pickle runs whatever callable it references when loaded, so
 * every GLOBAL/STACK_GLOBAL is judged: known-dangerous (runs commands, evaluates code, opens files or
 * sockets), on the allow-list of ML libraries, or unknown (to be reviewed). None of this makes a file
 * safe: static scanners are known to be bypassed.
 */
export type Verdict = 'dangerous' | 'allowed' | 'unknown';

/** Whole modules that have no business in a model file. */
const DANGEROUS_MODULES = [
  'os',
  'posix',
  'nt',
  'subprocess',
  'socket',
  'shutil',
  'runpy',
  'sys',
  'pty',
  'commands',
  'webbrowser',
  'ctypes',
  'importlib',
  'code',
  'codeop',
  'pdb',
  'bdb',
  'timeit',
  'multiprocessing',
  'asyncio',
  'signal',
  'requests',
  'urllib',
  'urllib2',
  'http',
  'httplib',
  'ftplib',
  'telnetlib',
  'smtplib',
  'pickle',
  '_pickle',
  'cPickle',
  'marshal',
  'dill',
  'cloudpickle',
  'tempfile',
  'glob',
  'zipimport',
  'platform',
  'threading',
  '_thread',
  'ssl',
  'select',
  'selectors',
  'paramiko',
  'pip',
  'setuptools',
  'distutils',
];

/** Single callables that evaluate code or reach any attribute. */
const DANGEROUS_NAMES = new Set([
  ...[
    'eval',
    'exec',
    'execfile',
    'compile',
    'getattr',
    'setattr',
    'delattr',
    '__import__',
    'open',
    'input',
    'globals',
    'locals',
    'vars',
    'breakpoint',
    'exit',
    'quit',
    'apply',
    'file',
    'reload',
    'help',
  ].flatMap((name) => [`builtins.${name}`, `__builtin__.${name}`]),
  'operator.attrgetter',
  'operator.methodcaller',
  '_operator.attrgetter',
  '_operator.methodcaller',
  'types.CodeType',
  'types.FunctionType',
  'numpy.testing._private.utils.runstring',
  'numpy.load',
  'torch.load',
  'torch.hub.load',
  'pandas.read_pickle',
  'joblib.load',
]);

/** Libraries whose classes and rebuild helpers legitimately appear in model pickles. */
const ALLOWED_MODULES = [
  'sklearn',
  'numpy',
  'scipy',
  'pandas',
  'torch',
  'xgboost',
  'lightgbm',
  'catboost',
  'joblib.numpy_pickle',
  'collections',
  'datetime',
  'decimal',
  'fractions',
  'uuid',
  'pathlib',
  'enum',
  'copy_reg',
  'copyreg',
  '_codecs',
  'statsmodels',
  'imblearn',
  'category_encoders',
  'sentence_transformers',
  'transformers',
  'tokenizers',
  'numpy.core',
  'functools',
];

const ALLOWED_BUILTINS = new Set(
  [
    'set',
    'frozenset',
    'list',
    'dict',
    'tuple',
    'slice',
    'range',
    'complex',
    'bytearray',
    'bytes',
    'object',
    'float',
    'int',
    'bool',
    'str',
    'type',
    'NoneType',
    'Ellipsis',
    'NotImplemented',
  ].flatMap((name) => [`builtins.${name}`, `__builtin__.${name}`]),
);

export function judge(module: string, name: string): { verdict: Verdict; reason?: string } {
  const full = `${module}.${name}`;
  if (DANGEROUS_NAMES.has(full)) return { verdict: 'dangerous', reason: reasonFor(full) };
  if (underAny(module, DANGEROUS_MODULES)) return { verdict: 'dangerous', reason: reasonFor(module) };
  if (/^(__builtin__|builtins)$/.test(module)) {
    return ALLOWED_BUILTINS.has(full) ? { verdict: 'allowed' } : { verdict: 'unknown' };
  }
  if (underAny(module, ALLOWED_MODULES)) return { verdict: 'allowed' };
  return { verdict: 'unknown' };
}

function underAny(module: string, roots: readonly string[]): boolean {
  return roots.some((root) => module === root || module.startsWith(`${root}.`));
}

function reasonFor(what: string): string {
  if (/^(os|posix|nt|subprocess|pty|commands)\b/.test(what)) return 'runs shell commands or programs';
  if (/(eval|exec|compile|runstring|CodeType|FunctionType|runpy|code\b|codeop)/.test(what)) return 'evaluates code';
  if (/(getattr|setattr|delattr|attrgetter|methodcaller|__import__|importlib|vars|globals)/.test(what)) {
    return 'reaches any attribute or module, the usual way to build an exploit';
  }
  if (/(socket|http|urllib|requests|ftplib|telnetlib|smtplib|webbrowser|ssl|paramiko)/.test(what)) {
    return 'opens network connections';
  }
  if (/(pickle|marshal|dill|load)/.test(what)) return 'loads another pickle or object stream';
  if (/(open|shutil|tempfile|glob|file)/.test(what)) return 'reads or writes files';
  return 'has no place in a model file';
}
