/**
 * The template catalogue: which parts exist, which files each writes, from which template, and which
 * context fields each template reads. One source of truth for the CLI, the extension's commands and
 * wizard, and the docs; a unit test checks every template reads only the fields listed here.
 */
import type { ModelFormat, ScaffoldContext } from './context';

export type ContextField = keyof ScaffoldContext;

export interface CatalogFile {
  /** Where the file goes, relative to the target folder (forward slashes). */
  output: string;
  /** The template, relative to a templates folder; a user's folder may override it file by file. */
  template: string;
  /** Context fields the template reads (checked by a test; used by faces to know what to ask). */
  needs: readonly ContextField[];
  /** Rendered only for these model formats (default: all). */
  formats?: readonly ModelFormat[];
}

export interface CatalogPart {
  id: string;
  title: string;
  description: string;
  /** The file a face opens after writing. */
  main: string;
  files: readonly CatalogFile[];
}

const SERVING_NEEDS: readonly ContextField[] = [
  'projectName',
  'modelName',
  'modelPath',
  'modelFormat',
  'framework',
  'features',
  'port',
];

const CI_NEEDS: readonly ContextField[] = [
  'modelName',
  'modelPath',
  'pythonVersion',
  'liftoffPackage',
  'notebooks',
  'notebookOnly',
  'port',
];

/** The drift check belongs to monitoring and to the retraining workflow that runs it. */
const DRIFT_SCRIPT: CatalogFile = {
  output: 'monitoring/drift.py',
  template: 'monitoring/drift.py.hbs',
  needs: ['modelName', 'port', 'features', 'modelTarget', 'drift'],
};

export const CATALOG: readonly CatalogPart[] = [
  {
    id: 'docker',
    title: 'Dockerfile',
    description:
      'Multi-stage image on python:<version>-slim (or a CUDA runtime for GPU), non-root, HEALTHCHECK, the model copied in.',
    main: 'Dockerfile',
    files: [
      {
        output: 'Dockerfile',
        template: 'docker/Dockerfile.hbs',
        needs: ['modelName', 'pythonVersion', 'modelPath', 'modelFileInImage', 'port', 'gpu', 'userId'],
      },
      { output: '.dockerignore', template: 'docker/dockerignore.hbs', needs: ['modelPath'] },
    ],
  },
  {
    id: 'requirements',
    title: 'requirements.txt',
    description: "Run-time dependencies inferred from the notebook's imports, pinned where a version is known.",
    main: 'requirements.txt',
    files: [
      {
        output: 'requirements.txt',
        template: 'python/requirements.txt.hbs',
        needs: ['projectName', 'notebooks', 'requirements', 'notebookOnly'],
      },
    ],
  },
  {
    id: 'serving',
    title: 'Serving app',
    description:
      'FastAPI app (scikit-learn/joblib pickles, or ONNX with onnxruntime): Open Inference Protocol v2, /predict, /metrics.',
    main: 'app/main.py',
    files: [
      { output: 'app/__init__.py', template: 'serving/init.py.hbs', needs: [] },
      {
        output: 'app/main.py',
        template: 'serving/sklearn/main.py.hbs',
        needs: SERVING_NEEDS,
        formats: ['pickle', 'joblib'],
      },
      {
        output: 'app/main.py',
        template: 'serving/onnx/main.py.hbs',
        needs: ['projectName', 'modelName', 'modelPath', 'features', 'port', 'onnx'],
        formats: ['onnx'],
      },
    ],
  },
  {
    id: 'ci',
    title: 'GitHub Actions workflow',
    description:
      "Liftoff's readiness gate with SARIF upload, unit tests, the notebook re-run, a smoke test, the image build and push.",
    main: '.github/workflows/liftoff.yml',
    files: [{ output: '.github/workflows/liftoff.yml', template: 'ci/github-actions.yml.hbs', needs: CI_NEEDS }],
  },
  {
    id: 'gitlab',
    title: 'GitLab CI pipeline',
    description:
      'The same pipeline for GitLab: readiness gate with SARIF and code quality reports, tests, notebook, smoke test, image.',
    main: '.gitlab-ci.yml',
    files: [{ output: '.gitlab-ci.yml', template: 'ci/gitlab-ci.yml.hbs', needs: CI_NEEDS }],
  },
  {
    id: 'monitoring',
    title: 'Monitoring',
    description:
      'Prometheus scrape config and alerts (SLO and volume from liftoff.yaml), a Grafana dashboard, a drift check script.',
    main: 'monitoring/alerts.yml',
    files: [
      {
        output: 'monitoring/prometheus.yml',
        template: 'monitoring/prometheus.yml.hbs',
        needs: ['projectName', 'modelName', 'port'],
      },
      {
        output: 'monitoring/alerts.yml',
        template: 'monitoring/alerts.yml.hbs',
        needs: ['projectName', 'modelName', 'latency', 'traffic', 'driftMeanShift'],
      },
      {
        output: 'monitoring/grafana-dashboard.json',
        template: 'monitoring/grafana-dashboard.json.hbs',
        needs: ['projectName', 'modelName', 'latency', 'driftMeanShift'],
      },
      DRIFT_SCRIPT,
    ],
  },
  {
    id: 'retraining',
    title: 'Drift check and retraining workflow',
    description:
      'A scheduled GitHub Actions drift check (PSI/KS against the training profile); on drift it re-runs the notebook.',
    main: '.github/workflows/retrain.yml',
    files: [
      {
        output: '.github/workflows/retrain.yml',
        template: 'ci/retrain.yml.hbs',
        needs: ['modelName', 'modelPath', 'pythonVersion', 'notebooks', 'notebookOnly', 'retrainSchedule'],
      },
      DRIFT_SCRIPT,
    ],
  },
  {
    id: 'k8s',
    title: 'Kubernetes manifests',
    description: 'Deployment with health probes, Service, HorizontalPodAutoscaler; a KServe alternative.',
    main: 'k8s/deployment.yaml',
    files: [
      {
        output: 'k8s/deployment.yaml',
        template: 'k8s/deployment.yaml.hbs',
        needs: ['projectName', 'modelName', 'port', 'replicas', 'gpu', 'userId'],
      },
      { output: 'k8s/service.yaml', template: 'k8s/service.yaml.hbs', needs: ['projectName', 'modelName', 'port'] },
      {
        output: 'k8s/hpa.yaml',
        template: 'k8s/hpa.yaml.hbs',
        needs: ['projectName', 'modelName', 'replicas', 'maxReplicas'],
      },
      {
        output: 'k8s/kserve-inferenceservice.yaml',
        template: 'k8s/kserve-inferenceservice.yaml.hbs',
        needs: ['modelName', 'port', 'replicas', 'maxReplicas', 'gpu', 'userId'],
      },
    ],
  },
  {
    id: 'modelcard',
    title: 'Model card',
    description: 'MODEL_CARD.md: the business goal from liftoff.yaml, model details, inputs, TODOs for people.',
    main: 'MODEL_CARD.md',
    files: [
      {
        output: 'MODEL_CARD.md',
        template: 'docs/MODEL_CARD.md.hbs',
        needs: [
          'projectName',
          'modelName',
          'modelPath',
          'modelFormat',
          'framework',
          'features',
          'notebooks',
          'business',
          'latency',
          'modelTask',
          'modelTarget',
        ],
      },
    ],
  },
  {
    id: 'loadtest',
    title: 'Load test',
    description: 'A standard-library Python load test of /predict with latency percentiles against the budget.',
    main: 'loadtest/load_test.py',
    files: [
      {
        output: 'loadtest/load_test.py',
        template: 'loadtest/load_test.py.hbs',
        needs: ['projectName', 'port', 'latency', 'features'],
      },
    ],
  },
];

export function findPart(id: string): CatalogPart | undefined {
  return CATALOG.find((part) => part.id === id);
}

export const PART_IDS: readonly string[] = CATALOG.map((part) => part.id);
