import { strict as assert } from 'node:assert';
import { hardcodedPath } from '../../../src/core/rules/hardcoded-path';
import { classifyPath, relativeSuggestion } from '../../../src/core/rules/path-patterns';
import { applyEdits, check, textAt } from '../helpers';

describe('rule hardcoded-path (LO101)', () => {
  it('flags a home-folder path read with pandas as an error, with a relative-path fix', () => {
    const cells = [
      '%matplotlib inline\nimport pandas as pd',
      'df = pd.read_csv("/home/alice/projects/churn/data/customers.csv")\ndf.head()',
    ];
    const findings = check(hardcodedPath, cells);
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f?.severity, 'error');
    assert.equal(f?.cellIndex, 1);
    assert.equal(f?.range?.start.line, 0);
    assert.match(textAt(cells, f!), /\/home\/alice\/projects\/churn\/data\/customers\.csv/);
    assert.match(f?.message ?? '', /"\/home\/alice\/projects\/churn\/data\/customers\.csv"/);
    assert.equal(f?.fix?.title, 'Use a path relative to the notebook: "data/customers.csv"');
    assert.equal(applyEdits(cells[1]!, f!.fix!.edits), 'df = pd.read_csv("data/customers.csv")\ndf.head()');
  });

  it('is an error when a variable holding the path is read later', () => {
    const cells = [
      'import os\nimport pandas as pd\nDATA_DIR = "/Users/bob/Documents/kaggle/titanic"',
      'train = pd.read_csv(os.path.join(DATA_DIR, "train.csv"))',
    ];
    const [f] = check(hardcodedPath, cells);
    assert.equal(f?.severity, 'error');
    assert.equal(f?.cellIndex, 0);
  });

  it('is a warning when the path is only written to', () => {
    const cells = ['import joblib\njoblib.dump(model, "/home/alice/models/churn.joblib")'];
    const [f] = check(hardcodedPath, cells);
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.fix, undefined);
  });

  it('treats open(..., "w") as output and open(...) as input', () => {
    const write = check(hardcodedPath, ['with open("/home/alice/out/report.txt", "w") as f:\n    f.write("x")']);
    const read = check(hardcodedPath, [
      'with open(r"C:\\Users\\alice\\data\\train.csv") as f:\n    rows = f.readlines()',
    ]);
    assert.equal(write[0]?.severity, 'warning');
    assert.equal(read[0]?.severity, 'error');
    assert.match(read[0]?.message ?? '', /Windows drive/);
  });

  it('flags Colab, Kaggle, mounts, ~ and drive paths', () => {
    const cells = [
      [
        'from google.colab import drive',
        'drive.mount("/content/drive")',
        'a = "/content/drive/MyDrive/data/train.csv"',
        'b = "/kaggle/input/titanic/train.csv"',
        'c = "/mnt/datasets/images"',
        'd = "~/data/train.csv"',
        'e = "D:/work/train.csv"',
        'f = "/root/models/best.pt"',
      ].join('\n'),
    ];
    const values = check(hardcodedPath, cells).map((f) => textAt(cells, f));
    assert.equal(values.length, 7);
    for (const v of ['/content/drive/MyDrive', '/kaggle/input', '/mnt/datasets', '~/data', 'D:/work', '/root/models']) {
      assert.ok(
        values.some((t) => t.includes(v)),
        `expected a finding for ${v}`,
      );
    }
  });

  it('does not flag URLs, temp files, system paths, API routes, regexes or relative paths', () => {
    const cells = [
      [
        'import re, requests',
        'url = "https://example.com/home/alice/data.csv"',
        'tmp = "/tmp/scratch/out.csv"',
        'null = "/dev/null"',
        'route = "/predict"',
        'api = "/v2/models/churn/infer"',
        'pattern = re.compile(r"^/home/(\\w+)/")',
        'users = re.findall(r"/home/(\\w+)/data", text)',
        'rel = "data/customers.csv"',
        'root = "/"',
        'home = "/home"',
        'etc = "/usr/local/bin/python"',
        'msg = "Saved to /home/alice/x.csv"',
      ].join('\n'),
      '!ls /home/alice/projects\n%cd /home/alice/projects',
    ];
    assert.deepEqual(check(hardcodedPath, cells), []);
  });

  it('can be silenced on its line', () => {
    const cells = [
      'import pandas as pd\ndf = pd.read_csv("/mnt/shared/customers.csv")  # liftoff: ignore[hardcoded-path]',
    ];
    assert.deepEqual(check(hardcodedPath, cells), []);
  });

  describe('path patterns', () => {
    it('classifies only machine-specific roots', () => {
      assert.equal(classifyPath('/home/alice/x.csv'), 'user home directory');
      assert.equal(classifyPath('\\\\fileserver\\share\\x.csv'), 'network share');
      assert.equal(classifyPath('/opt/app/model.onnx'), undefined);
      assert.equal(classifyPath('/data/train.csv'), undefined);
      assert.equal(classifyPath('/home/alice/\nmore'), undefined);
    });

    it('suggests a path from the last data-like folder', () => {
      assert.equal(relativeSuggestion('/home/a/data/raw/data/x.csv'), 'data/x.csv');
      assert.equal(relativeSuggestion('C:\\Users\\a\\datasets\\x.csv'), 'datasets/x.csv');
      assert.equal(relativeSuggestion('/home/a/projects/x.csv'), undefined);
      assert.equal(relativeSuggestion('/kaggle/input/titanic/data/x.csv'), undefined);
    });
  });
});
