/** Evidence rules for the Data tests (Breck et al. 2017, Table I). */
import { findingsIn, type Evidence } from './evidence';
import { dangerousImports } from './evidence-models';
import type { Verdict } from './types';
import { attest, command, describeFindings, fail, fixRule, list, partial, pass, unknown, SCAFFOLD } from './verdict';

type Rule = (ev: Evidence) => Verdict;

const schema: Rule = (ev) => {
  const validating = ev.ci.workflows.filter((w) =>
    /great_expectations|pandera|tfdv|data_validation/.test(ev.texts[w] ?? ''),
  );
  if (validating.length > 0) return pass(`CI validates data against a schema (${list(validating)})`, validating);
  const found = [...ev.dataSchemas, ...ev.signals.schemaLibrary];
  if (found.length > 0) {
    return partial(
      `a data schema exists (${list(found)}) but no CI workflow validates data with it`,
      command(SCAFFOLD, 'run the schema validation in CI'),
      found,
    );
  }
  return fail(
    'no data schema (pandera, Great Expectations, TFDV or a *schema* file) was found',
    attest('data-1', 'expected types, ranges and missing-value rates per feature are written down'),
  );
};

const manual =
  (id: string, why: string, what: string): Rule =>
  () =>
    unknown(why, attest(id, what));

const privacy: Rule = (ev) => {
  const leaks = findingsIn(ev, 'security');
  if (leaks.length > 0) {
    return fail(
      `notebooks expose secrets or load unsafe data: ${describeFindings(leaks)}`,
      { kind: 'rule', ruleId: leaks[0]?.ruleId ?? '', text: 'fix the security findings' },
      leaks,
    );
  }
  const unsafe = ev.models.unsafePickles;
  if (unsafe.length > 0) {
    const what = unsafe.map((r) => `${r.path} imports ${dangerousImports(r)}`).join('; ');
    return {
      ...fail(
        `model files run code when they are loaded: ${what}`,
        fixRule('LO602', 'save the model as ONNX (or skops) and delete the pickle; never load it'),
      ),
      files: unsafe.map((r) => r.path),
    };
  }
  return unknown(
    'no secrets found in notebooks; access control and PII handling cannot be seen from files',
    attest('data-5', 'PII in the data is identified and access to it is controlled'),
  );
};

const featureCodeTested: Rule = (ev) => {
  if (ev.testFiles.length > 0 && ev.ci.runsPytest.length > 0) {
    return pass(`${ev.testFiles.length} test file(s) run in CI (${list(ev.ci.runsPytest)})`, ev.testFiles);
  }
  if (ev.testFiles.length > 0) {
    return partial(
      `test files exist (${list(ev.testFiles)}) but no CI workflow runs them`,
      command(SCAFFOLD, 'scaffold the CI workflow (runs pytest)'),
      ev.testFiles,
    );
  }
  return fail(
    'no tests (tests/test_*.py): feature code lives only in notebook cells',
    command(SCAFFOLD, 'move feature code into a module and scaffold tests and CI'),
  );
};

export const DATA_RULES: Record<string, Rule> = {
  'data-1': schema,
  'data-2': manual(
    'data-2',
    'whether each feature earns its place needs an ablation or importance study',
    'each feature was shown to help (ablation or importance)',
  ),
  'data-3': manual(
    'data-3',
    "features' latency, memory and upstream cost are not visible in files",
    "each feature's cost (latency, memory, dependencies) was reviewed",
  ),
  'data-4': manual(
    'data-4',
    'meta-level requirements (allowed sources, no protected attributes) need a review',
    'features were checked against data-use requirements',
  ),
  'data-5': privacy,
  'data-6': manual(
    'data-6',
    'how long a new feature takes to reach production is a process fact',
    'a new feature can go from idea to production in weeks, not months',
  ),
  'data-7': featureCodeTested,
};
