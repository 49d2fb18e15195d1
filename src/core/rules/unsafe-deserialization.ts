/**
 * LO501 unsafe-deserialization: loading data or models through formats that run code while they load:
 * pickle/joblib/dill/cloudpickle loads, `pd.read_pickle`, `np.load(..., allow_pickle=True)`,
 * `torch.load` without `weights_only=True`, `yaml.load` without a safe loader, and
 * `trust_remote_code=True` on any call (Hugging Face runs the model repository's Python).
 *
 * Why it matters: a pickle is a program. Whoever can replace the file (a shared bucket, a model hub,
 * a download) runs their code in the training job or the serving container, with its credentials.
 *
 * Bad:  model = joblib.load("model.joblib");  state = torch.load("weights.pt")
 * Good: sess = onnxruntime.InferenceSession("model.onnx");  state = torch.load("weights.pt", weights_only=True)
 */
import type { CallFact } from '../analysis/facts';
import type { Fix } from '../findings';
import { cellPartAt, cellParts, NO_RESULTS, type CellPart } from '../analysis/cell-memo';
import {
  addKeywordArgEdit,
  hasKeywordSpread,
  keywordArg,
  positionalArg,
  resolvedCalls,
  type CallSite,
  type ResolvedCall,
} from './helpers';
import type { Rule, RuleReport } from './rule';

export const unsafeDeserialization: Rule = {
  id: 'LO501',
  name: 'unsafe-deserialization',
  category: 'security',
  severity: 'warning',
  description:
    'Loading pickle/joblib/dill files, torch.load without weights_only=True, yaml.load without a safe loader or trust_remote_code=True runs code from the file.',
  check(ctx) {
    return cellParts(ctx, unsafeLoads).flat();
  },
};

/**
 * Each call stands alone: a cell's reports are kept until its text or imports change. Only calls to the
 * loaders below can be loads, unless a `trust_remote_code=` keyword is written in the cell's text: most
 * calls of most cells are passed over by one lookup, without building a site or scanning their arguments.
 */
const unsafeLoads: CellPart<readonly RuleReport[]> = (ctx, cell, at) => {
  let reports: RuleReport[] | undefined;
  const remote = cell.cell.source.includes(TRUST_REMOTE_CODE);
  const calls = cellPartAt(ctx, at, resolvedCalls);
  for (let i = 0; i < calls.length; i++) {
    const { call, qualified } = calls[i] as ResolvedCall;
    if (!remote && (qualified === undefined || !LOADERS.has(qualified))) continue;
    const site: CallSite = { cell, call, qualified };
    const report = pickleLoad(site) ?? torchLoad(site) ?? yamlLoad(site) ?? (remote ? remoteCode(site) : undefined);
    if (report !== undefined) (reports ??= []).push(report);
  }
  return reports ?? NO_RESULTS;
};

const TRUST_REMOTE_CODE = 'trust_remote_code';

const PICKLE_LOADERS = new Map<string, string>([
  ['pickle.load', 'pickle'],
  ['pickle.loads', 'pickle'],
  ['pickle.Unpickler', 'pickle'],
  ['_pickle.load', 'pickle'],
  ['cPickle.load', 'pickle'],
  ['joblib.load', 'joblib'],
  ['sklearn.externals.joblib.load', 'joblib'],
  ['dill.load', 'dill'],
  ['dill.loads', 'dill'],
  ['cloudpickle.load', 'cloudpickle'],
  ['cloudpickle.loads', 'cloudpickle'],
  ['pandas.read_pickle', 'pickle'],
]);

/** Every callee pickleLoad, torchLoad and yamlLoad report on: keep in step with them. */
const LOADERS = new Set([
  ...PICKLE_LOADERS.keys(),
  'numpy.load',
  'torch.load',
  'yaml.load',
  'yaml.load_all',
  'yaml.unsafe_load',
  'yaml.unsafe_load_all',
]);

const PICKLE_RISK =
  'unpickling runs whatever code the file contains, so anyone who can replace the file can run code in your training job or service';
const PICKLE_WAY =
  'For models, export to ONNX (skl2onnx, torch.onnx) or use skops.io / safetensors; for tables, use Parquet; load pickles only from files you produced and verify (e.g. a checksum).';

function pickleLoad(site: CallSite): RuleReport | undefined {
  const q = site.qualified;
  if (q === undefined) return undefined;
  const format = PICKLE_LOADERS.get(q);
  if (format !== undefined)
    return report(site, `${site.call.callee}(...) loads a ${format} file: ${PICKLE_RISK}. ${PICKLE_WAY}`);
  if (q === 'numpy.load' && isTrue(keywordArg(site.call, 'allow_pickle')?.value.text)) {
    return report(
      site,
      `${site.call.callee}(..., allow_pickle=True) can unpickle object arrays: ${PICKLE_RISK}. Save plain numeric arrays (np.save without objects) and drop allow_pickle.`,
    );
  }
  return undefined;
}

function torchLoad(site: CallSite): RuleReport | undefined {
  if (site.qualified !== 'torch.load' || hasKeywordSpread(site.call)) return undefined;
  const weightsOnly = keywordArg(site.call, 'weights_only');
  if (weightsOnly !== undefined && isTrue(weightsOnly.value.text)) return undefined;
  const message = `${site.call.callee}(...) without weights_only=True unpickles the checkpoint: ${PICKLE_RISK}. Pass weights_only=True (tensors and plain containers only) or store weights as safetensors.`;
  if (weightsOnly !== undefined) return report(site, message);
  const fix: Fix = {
    title: 'Add weights_only=True',
    edits: [addKeywordArgEdit(site.cell.cell.index, site.call, 'weights_only=True')],
  };
  return report(site, message, fix);
}

// PyYAML loaders that can build arbitrary Python objects; FullLoader is safe since PyYAML 5.4.
const UNSAFE_YAML_LOADER = /(^|\.)C?(Unsafe)?Loader$/;

function yamlLoad(site: CallSite): RuleReport | undefined {
  const q = site.qualified;
  if (q === 'yaml.unsafe_load' || q === 'yaml.unsafe_load_all') {
    return report(site, `${site.call.callee}(...) ${YAML_RISK}. Use yaml.safe_load.`);
  }
  if (q !== 'yaml.load' && q !== 'yaml.load_all') return undefined;
  if (hasKeywordSpread(site.call)) return undefined;
  const loader = keywordArg(site.call, 'Loader') ?? positionalArg(site.call, 1);
  if (loader !== undefined && !UNSAFE_YAML_LOADER.test(loader.value.text)) return undefined;
  const message = `${site.call.callee}(...) ${loader === undefined ? 'without a safe Loader ' : `with ${loader.value.text} `}${YAML_RISK}. Use yaml.safe_load (or Loader=yaml.SafeLoader).`;
  return report(site, message, loader === undefined ? safeLoadFix(site) : undefined);
}

const YAML_RISK = 'can construct arbitrary Python objects from tags in the file, which lets a crafted config run code';

/** `yaml.load(f)` -> `yaml.safe_load(f)`, only when the callee is written as `<module>.load(<one arg>)`. */
function safeLoadFix({ cell, call }: CallSite): Fix | undefined {
  if (!/^\w+\.load(_all)?$/.test(call.callee) || call.args.length !== 1) return undefined;
  if (call.range.start.line !== call.argsRange.start.line) return undefined;
  const dot = call.callee.lastIndexOf('.');
  const start = { line: call.range.start.line, character: call.range.start.character + dot + 1 };
  const end = { line: start.line, character: call.range.start.character + call.callee.length };
  const method = call.callee.endsWith('_all') ? 'safe_load_all' : 'safe_load';
  return {
    title: `Use yaml.${method}`,
    edits: [{ cellIndex: cell.cell.index, range: { start, end }, newText: method }],
  };
}

function remoteCode(site: CallSite): RuleReport | undefined {
  const arg = keywordArg(site.call, TRUST_REMOTE_CODE);
  if (arg === undefined || !isTrue(arg.value.text)) return undefined;
  const pinned = keywordArg(site.call, 'revision', 'code_revision') !== undefined;
  const advice = pinned
    ? 'Review the code at the pinned revision, or prefer a model supported natively by the library.'
    : 'Prefer a model supported natively by the library; if you must, review the code and pin revision="<commit sha>".';
  return report(
    site,
    `${site.call.callee}(..., trust_remote_code=True) downloads and runs Python code from the model repository: whoever controls that repository runs code in your job. ${advice}`,
  );
}

function isTrue(text: string | undefined): boolean {
  return text === 'True';
}

function report({ cell, call }: { cell: CallSite['cell']; call: CallFact }, message: string, fix?: Fix): RuleReport {
  const r: RuleReport = { cellIndex: cell.cell.index, range: call.range, message };
  if (fix !== undefined) r.fix = fix;
  return r;
}
