/**
 * Python packaging names shared by the scaffolder (requirements.txt from imports) and the rules
 * (LO406 undeclared-import): import name -> distribution name, PEP 503 normalisation, requirement
 * specifiers. Data only; no file access.
 */
import { STDLIB_MODULES } from './stdlib';

/** Import names whose distribution is named differently; anything else is assumed to match. */
export const DISTRIBUTION_OF: ReadonlyMap<string, string> = new Map(
  Object.entries({
    sklearn: 'scikit-learn',
    cv2: 'opencv-python-headless',
    PIL: 'pillow',
    yaml: 'pyyaml',
    skimage: 'scikit-image',
    bs4: 'beautifulsoup4',
    dateutil: 'python-dateutil',
    dotenv: 'python-dotenv',
    Crypto: 'pycryptodome',
    attr: 'attrs',
    jwt: 'pyjwt',
    docx: 'python-docx',
    magic: 'python-magic',
    serial: 'pyserial',
    usb: 'pyusb',
    Levenshtein: 'levenshtein',
    tensorflow_hub: 'tensorflow-hub',
    imblearn: 'imbalanced-learn',
    category_encoders: 'category-encoders',
    sentence_transformers: 'sentence-transformers',
    umap: 'umap-learn',
    fitz: 'pymupdf',
    pptx: 'python-pptx',
    mpl_toolkits: 'matplotlib',
    pylab: 'matplotlib',
    skopt: 'scikit-optimize',
    absl: 'absl-py',
    grpc: 'grpcio',
    zmq: 'pyzmq',
    Bio: 'biopython',
    OpenSSL: 'pyopenssl',
    MySQLdb: 'mysqlclient',
    hydra: 'hydra-core',
    pkg_resources: 'setuptools',
    sklearn_crfsuite: 'sklearn-crfsuite',
    google_auth_oauthlib: 'google-auth-oauthlib',
    googleapiclient: 'google-api-python-client',
    tensorflow_serving: 'tensorflow-serving-api',
    pywt: 'pywavelets',
    sklearn_extra: 'scikit-learn-extra',
    lightning_fabric: 'lightning-fabric',
  }),
);

/**
 * Other distributions (pip or conda names) that provide an import: declaring any of them declares the
 * import. The first name stays DISTRIBUTION_OF's (what the scaffolder writes).
 */
const ALSO_PROVIDED_BY: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    cv2: ['opencv-python', 'opencv-contrib-python', 'opencv-contrib-python-headless', 'opencv', 'py-opencv'],
    torch: ['pytorch', 'pytorch-cpu', 'pytorch-gpu'],
    // TensorFlow 2.x installs Keras with itself.
    keras: ['tensorflow', 'tensorflow-cpu', 'tensorflow-gpu', 'tensorflow-macos', 'tf-keras'],
    tensorflow: ['tensorflow-cpu', 'tensorflow-gpu', 'tensorflow-macos', 'tf-nightly', 'intel-tensorflow'],
    xgboost: ['py-xgboost', 'py-xgboost-cpu', 'py-xgboost-gpu'],
    lightgbm: ['lightgbm-gpu'],
    PIL: ['pillow-simd'],
    psycopg2: ['psycopg2-binary'],
    matplotlib: ['matplotlib-base'],
    mpl_toolkits: ['matplotlib-base'],
    pylab: ['matplotlib-base'],
    pytorch_lightning: ['lightning'],
    graphviz: ['python-graphviz'],
    tables: ['pytables'],
    faiss: ['faiss-cpu', 'faiss-gpu'],
    onnxruntime: ['onnxruntime-gpu'],
  }),
);

/** The distribution providing a module, or undefined for the standard library and relative imports. */
export function distributionOf(module: string): string | undefined {
  const top = topLevel(module);
  if (top === '' || STDLIB_MODULES.has(top)) return undefined;
  return DISTRIBUTION_OF.get(top) ?? normalize(top);
}

/** Every distribution name (normalised) that provides the module; empty for the standard library. */
export function distributionsProviding(module: string): string[] {
  const main = distributionOf(module);
  if (main === undefined) return [];
  const top = topLevel(module);
  return [main, normalize(top), ...(ALSO_PROVIDED_BY.get(top) ?? [])].filter((d, i, all) => all.indexOf(d) === i);
}

/** PEP 503 normalisation: "Scikit_Learn" -> "scikit-learn". */
export function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function topLevel(module: string): string {
  return module.startsWith('.') ? '' : (module.split('.')[0] ?? '');
}

export interface ParsedSpecifier {
  key: string;
  specifier: string;
}

/** "pandas[excel]==2.2.2" -> pandas, ==2.2.2; URLs, paths and options yield undefined. */
export function parseSpecifier(spec: string): ParsedSpecifier | undefined {
  const m =
    /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*((?:[<>=!~]=?|===)\s*[^;#\s]+(?:\s*,\s*[<>=!~]=?\s*[^;#\s,]+)*)?\s*(?:;.*)?$/.exec(
      spec.trim(),
    );
  if (!m) return undefined;
  return { key: normalize(m[1]), specifier: (m[2] ?? '').replace(/\s+/g, '') };
}

/** The requirement lines of a requirements.txt: comments, blank lines and options (`-r`, `-e`, `--hash`) dropped. */
export function requirementLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('-'));
}
