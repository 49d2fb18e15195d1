/**
 * Which workspace files are model artifacts, by extension, through a small listing port (the CLI
 * backs it with fs, the extension with vscode.workspace.findFiles). Files over the size cap are
 * still listed, marked so nothing reads them whole.
 */
export type ArtifactKind =
  'onnx' | 'pickle' | 'joblib' | 'torch' | 'keras' | 'safetensors' | 'xgboost' | 'lightgbm' | 'catboost';

export interface ArtifactFile {
  path: string;
  kind: ArtifactKind;
  size: number;
  /** Bigger than the cap: only headers may be read. */
  overCap: boolean;
}

export interface ArtifactListing {
  /** Every file under the root, with its size; the port applies .gitignore and files.exclude. */
  listFiles(): Promise<Array<{ path: string; size: number }>>;
}

const BY_EXTENSION: ReadonlyArray<[RegExp, ArtifactKind]> = [
  [/\.onnx$/i, 'onnx'],
  [/\.(pkl|pickle)$/i, 'pickle'],
  [/\.joblib$/i, 'joblib'],
  [/\.(pt|pth)$/i, 'torch'],
  [/\.(h5|keras)$/i, 'keras'],
  [/\.safetensors$/i, 'safetensors'],
  [/\.ubj$/i, 'xgboost'],
  [/\.cbm$/i, 'catboost'],
];

/** XGBoost .json and LightGBM .txt are ordinary extensions: only names that say so count. */
const NAMED: ReadonlyArray<[RegExp, ArtifactKind]> = [
  [/(^|[/_.-])(xgb|xgboost)[^/]*\.json$/i, 'xgboost'],
  [/(^|[/_.-])(lgb|lgbm|lightgbm)[^/]*\.txt$/i, 'lightgbm'],
];

export const DEFAULT_SIZE_CAP = 512 * 1024 * 1024;

export function artifactKind(path: string): ArtifactKind | undefined {
  for (const [pattern, kind] of [...BY_EXTENSION, ...NAMED]) if (pattern.test(path)) return kind;
  return undefined;
}

export async function discoverArtifacts(listing: ArtifactListing, sizeCap = DEFAULT_SIZE_CAP): Promise<ArtifactFile[]> {
  const files = await listing.listFiles();
  const found: ArtifactFile[] = [];
  for (const file of files) {
    const kind = artifactKind(file.path);
    if (kind !== undefined) found.push({ path: file.path, kind, size: file.size, overCap: file.size > sizeCap });
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
