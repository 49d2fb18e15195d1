/** Which workspace files readiness reads, and what their names and texts say. Pure string work. */

const WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$|^\.gitlab-ci\.ya?ml$|^azure-pipelines\.ya?ml$/;
const DOCKERFILE = /(^|\/)(Dockerfile|Containerfile)(\.[\w-]+)?$/;
const REQUIREMENTS = /(^|\/)requirements[\w.-]*\.txt$/;
const MONITORING =
  /(^|\/)(monitoring|prometheus|alerts?|grafana)\/|(^|\/)[^/]*(prometheus|alert|rules|drift|evidently|whylogs)[^/]*\.(ya?ml|json|py)$/i;
const DEPLOY = /(^|\/)(k8s|kubernetes|deploy|helm|charts)\/[^/].*\.ya?ml$/;
const SERVING = /(^|\/)(app|serve|server|main|predict)\.py$|(^|\/)serving\/[^/]+\.py$/;
const DATA_SCHEMA = /(^|\/)(great_expectations|expectations)\/|(^|\/)[^/]*schema[^/]*\.(ya?ml|json|pbtxt|py)$/i;
const TESTS = /(^|\/)tests?\/(.*\/)?(test_[^/]+|[^/]+_test)\.py$|(^|\/)test_[^/]+\.py$/;
const DEPENDENCY_BOT = /^\.github\/dependabot\.ya?ml$|^renovate\.json5?$|^\.github\/renovate\.json5?$/;

/** Whether a face should read this file's text into the snapshot (kept small: config and code, no data). */
export function wantsText(path: string): boolean {
  if (path === 'liftoff.yaml') return true;
  return [WORKFLOW, DOCKERFILE, REQUIREMENTS, MONITORING, DEPLOY, SERVING].some((re) => re.test(path));
}

export const isWorkflow = (p: string): boolean => WORKFLOW.test(p);
export const isDockerfile = (p: string): boolean => DOCKERFILE.test(p);
export const isRequirements = (p: string): boolean => REQUIREMENTS.test(p);
export const isMonitoringConfig = (p: string): boolean => MONITORING.test(p) && !p.endsWith('liftoff.yaml');
export const isDeployManifest = (p: string): boolean => DEPLOY.test(p);
export const isServingApp = (p: string): boolean => SERVING.test(p);
export const isDataSchema = (p: string): boolean => DATA_SCHEMA.test(p) && !p.startsWith('schemas/liftoff');
export const isTestFile = (p: string): boolean => TESTS.test(p);
export const isDependencyBot = (p: string): boolean => DEPENDENCY_BOT.test(p);

export interface RequirementsCheck {
  /** Every requirement line pins an exact version (==, ===) or a hash/URL. */
  pinned: boolean;
  unpinned: string[];
}

export function checkRequirements(text: string): RequirementsCheck {
  const unpinned: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (
      line === '' ||
      line.startsWith('#') ||
      /^-(r|c|-requirement|-constraint|-index-url|i|-extra-index-url)\b/.test(line)
    ) {
      continue;
    }
    if (!/===?|@\s*\S+|--hash=/.test(line)) unpinned.push(line.split(/[\s;[<>=!~]/)[0] ?? line);
  }
  return { pinned: unpinned.length === 0, unpinned };
}

/** What the CI workflows run, from their text (commands and triggers, not a YAML model of each CI system). */
export interface CiSignals {
  workflows: string[];
  runsLiftoffCheck: string[];
  runsPytest: string[];
  runsTraining: string[];
  scheduled: string[];
  buildsImage: string[];
  deploys: string[];
  minScoreGate: string[];
}

const CI_PATTERNS: Record<Exclude<keyof CiSignals, 'workflows'>, RegExp> = {
  runsLiftoffCheck: /\bliftoff\s+check\b/,
  runsPytest: /\b(pytest|python -m unittest|tox|nox)\b/,
  runsTraining:
    /\b(papermill|nbconvert\s+[^\n]*--execute|--nbmake|nbmake|python\s+[\w/.-]*train[\w.-]*\.py|dvc\s+repro|mlflow\s+run)\b/,
  scheduled: /^\s*schedule:|^\s*-\s*cron:/m,
  buildsImage: /\bdocker\s+(build|buildx)|docker\/build-push-action|\bpodman\s+build/,
  deploys:
    /\bkubectl\s+(apply|set|rollout)|\bhelm\s+(upgrade|install)|\baz\s+ml\b|\bgcloud\s+run\s+deploy|\bsagemaker\b|\bflyctl\s+deploy/,
  minScoreGate: /--min-score\b/,
};

export function ciSignals(texts: Readonly<Record<string, string>>, files: readonly string[]): CiSignals {
  const workflows = files.filter(isWorkflow);
  const signals: CiSignals = {
    workflows,
    runsLiftoffCheck: [],
    runsPytest: [],
    runsTraining: [],
    scheduled: [],
    buildsImage: [],
    deploys: [],
    minScoreGate: [],
  };
  for (const path of workflows) {
    const text = texts[path] ?? '';
    for (const [key, re] of Object.entries(CI_PATTERNS)) {
      if (re.test(text)) signals[key as keyof typeof CI_PATTERNS].push(path);
    }
  }
  return signals;
}
