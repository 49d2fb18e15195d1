/**
 * LO406 undeclared-import: a third-party module the notebook imports whose distribution the project does
 * not declare (requirements*.txt, pyproject.toml, Pipfile, environment.yml, setup.cfg). Needs the project
 * context (ctx.project.dependencies): without any declaration file the rule is silent. The standard
 * library, relative imports, the project's own modules (.py files and packages beside the notebook and up
 * to the project root) and what the notebook front end itself provides (IPython, google.colab) never fire.
 *
 * Why it matters: the training job or serving image is built from the declared dependencies; a module the
 * notebook only found because it happened to be installed on this machine fails there with
 * ModuleNotFoundError, or resolves to whatever release the image builder picks.
 *
 * Bad:  import xgboost            # requirements.txt lists pandas and scikit-learn only
 * Good: add `xgboost==2.0.3` to requirements.txt
 */
import { distributionsProviding, topLevel } from '../python/packages';
import { STDLIB_MODULES } from '../python/stdlib';
import type { DeclaredDependencies } from '../project/project-info';
import type { ImportFact } from '../analysis/facts';
import type { Rule, RuleReport } from './rule';

/** Modules the notebook front end provides: not something a production environment declares. */
const NOTEBOOK_RUNTIME = ['IPython', 'ipykernel', 'google.colab', 'kaggle_secrets', 'kaggle_datasets'];

/** Namespace packages shared by many distributions (google-cloud-storage provides google.cloud.storage). */
const NAMESPACES = new Set(['google', 'azure', 'zope', 'jaraco', 'backports', 'sphinxcontrib']);

export const undeclaredImport: Rule = {
  id: 'LO406',
  name: 'undeclared-import',
  category: 'reproducibility',
  severity: 'warning',
  description:
    'A third-party module is imported but its package is not declared in the requirements.txt, pyproject.toml or environment.yml the project has.',
  check(ctx) {
    const declared = ctx.project?.dependencies;
    if (declared === undefined) return [];
    const local = new Set(ctx.project?.localModules ?? []);
    const reported = new Set<string>();
    const reports: RuleReport[] = [];
    for (const { cell, facts } of ctx.codeCells) {
      for (const imp of facts.imports) {
        const top = topLevel(imp.module);
        if (top === '' || reported.has(top) || STDLIB_MODULES.has(top) || local.has(top)) continue;
        if (isNotebookRuntime(imp.module) || isGenerated(top) || isDeclared(imp.module, declared)) continue;
        reported.add(top);
        reports.push({ cellIndex: cell.index, range: imp.range, message: message(imp, declared) });
      }
    }
    return reports;
  },
};

function isNotebookRuntime(module: string): boolean {
  return NOTEBOOK_RUNTIME.some((m) => module === m || module.startsWith(`${m}.`));
}

/** protoc output (`person_pb2`, `service_pb2_grpc`): generated into the project, never a package. */
function isGenerated(top: string): boolean {
  return /_pb2(_grpc)?$/.test(top);
}

function isDeclared(module: string, declared: DeclaredDependencies): boolean {
  const names = declared.distributions;
  if (distributionsProviding(module).some((d) => Object.hasOwn(names, d))) return true;
  const top = topLevel(module);
  if (!NAMESPACES.has(top)) return false;
  if (module.startsWith('google.protobuf') && Object.hasOwn(names, 'protobuf')) return true;
  // Which google-*/azure-* distribution provides a sub-package is not knowable here: any of them will do.
  return Object.keys(names).some((d) => d.startsWith(`${top}-`));
}

function message(imp: ImportFact, declared: DeclaredDependencies): string {
  const top = topLevel(imp.module);
  const dist = distributionsProviding(imp.module)[0] ?? top;
  const what = dist === top.toLowerCase() ? `\`${top}\`` : `\`${top}\` (package ${dist})`;
  const files = declared.files.join(', ');
  const target = declared.files[0] ?? 'requirements.txt';
  return `${what} is imported but not declared in ${files}: an environment built from the project's dependencies will not have it (ModuleNotFoundError in the training job or serving image). Add ${dist} to ${target}, pinned to the version you use.`;
}
