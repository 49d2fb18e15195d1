import { strict as assert } from 'node:assert';
import { discoverArtifacts } from '../../../src/core/models/discover';
import { excludeMatcher, listWorkspaceFiles } from '../../../src/core/models/workspace-files';
import { TempWorkspace } from './lineage-helpers';

describe('workspace listing for model discovery', () => {
  let ws: TempWorkspace;
  beforeEach(() => {
    ws = new TempWorkspace();
    for (const f of [
      'train.ipynb',
      'models/churn.onnx',
      'models/churn.pkl',
      'models/keep.pkl',
      'models/tmp/scratch.pt',
      'data/raw/big.joblib',
      'sub/model.onnx',
      'sub/cache/x.onnx',
      'node_modules/pkg/m.onnx',
      '.venv/lib/m.pkl',
      'notes.tmp',
    ])
      ws.write(f, 'x');
  });
  afterEach(() => ws.dispose());

  const paths = async (opts: Parameters<typeof listWorkspaceFiles>[1] = {}): Promise<string[]> =>
    (await listWorkspaceFiles(ws.root, opts)).files.map((f) => f.path).filter((p) => !p.endsWith('.gitignore'));

  it('honours .gitignore files, nested ones and negations, with git precedence', async () => {
    ws.write('.gitignore', '*.pkl\n!models/keep.pkl\ndata/\n*.tmp\n');
    ws.write('models/.gitignore', 'tmp/\n');
    ws.write('sub/.gitignore', 'cache\n');
    assert.deepEqual(await paths(), ['models/churn.onnx', 'models/keep.pkl', 'sub/model.onnx', 'train.ipynb']);
    assert.deepEqual(await paths({ gitignore: false }), [
      'data/raw/big.joblib',
      'models/churn.onnx',
      'models/churn.pkl',
      'models/keep.pkl',
      'models/tmp/scratch.pt',
      'notes.tmp',
      'sub/cache/x.onnx',
      'sub/model.onnx',
      'train.ipynb',
    ]);
  });

  it('leaves out files.exclude globs, names at any depth and folders whole', async () => {
    const listed = await paths({ exclude: ['**/*.tmp', 'models/tmp', 'cache', 'data/**'] });
    assert.deepEqual(listed, [
      'models/churn.onnx',
      'models/churn.pkl',
      'models/keep.pkl',
      'sub/model.onnx',
      'train.ipynb',
    ]);
    assert.equal(excludeMatcher(['**/.DS_Store'])('a/b/.DS_Store'), true);
    assert.equal(excludeMatcher([])('anything'), false);
  });

  it('stops at the file cap and says so; discovery keeps sizes and the read cap', async () => {
    const capped = await listWorkspaceFiles(ws.root, { maxFiles: 3 });
    assert.equal(capped.files.length, 3);
    assert.equal(capped.truncated, true);
    ws.write('big.onnx', new Uint8Array(2048));
    const listing = await listWorkspaceFiles(ws.root);
    const found = await discoverArtifacts({ listFiles: () => Promise.resolve(listing.files) }, 1024);
    assert.deepEqual(
      found.filter((f) => f.overCap).map((f) => f.path),
      ['big.onnx'],
    );
    assert.ok(!found.some((f) => f.path.startsWith('node_modules/') || f.path.startsWith('.venv/')));
  });
});
