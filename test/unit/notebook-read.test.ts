import { strict as assert } from 'node:assert';
import { OUTPUT_TEXT_CAP, readNotebook } from '../../src/core/notebook/read';
import type { Notebook } from '../../src/core/notebook/model';

function nbJson(cells: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells, ...extra });
}

function read(text: string): Notebook {
  const result = readNotebook('churn.ipynb', text);
  if (!result.ok) assert.fail(`expected a notebook, got: ${result.reason}`);
  return result.notebook;
}

function reason(text: string): string {
  const result = readNotebook('churn.ipynb', text);
  if (result.ok) assert.fail('expected the notebook to be rejected');
  return result.reason;
}

describe('readNotebook', () => {
  it('reads code and markdown cells with ids, sources given as lists of lines, and execution counts', () => {
    const nb = read(
      nbJson([
        { cell_type: 'markdown', id: 'intro', metadata: {}, source: ['# Churn model\n', 'Predict who leaves.'] },
        {
          cell_type: 'code',
          id: 'load',
          execution_count: 3,
          metadata: {},
          outputs: [],
          source: ['import pandas as pd\n', 'df = pd.read_csv("churn.csv")'],
        },
      ]),
    );
    assert.equal(nb.path, 'churn.ipynb');
    assert.equal(nb.nbformat, 4);
    assert.equal(nb.nbformatMinor, 5);
    assert.equal(nb.cells.length, 2);
    const [md, code] = nb.cells;
    assert.deepEqual(
      { index: md.index, id: md.id, kind: md.kind, source: md.source, executionCount: md.executionCount },
      { index: 0, id: 'intro', kind: 'markdown', source: '# Churn model\nPredict who leaves.', executionCount: null },
    );
    assert.equal(code.kind, 'code');
    assert.equal(code.id, 'load');
    assert.equal(code.executionCount, 3);
    assert.equal(code.source, 'import pandas as pd\ndf = pd.read_csv("churn.csv")');
  });

  it('accepts a source given as one string and leaves out ids that older notebooks lack', () => {
    const nb = read(nbJson([{ cell_type: 'code', execution_count: null, outputs: [], source: 'model.fit(X, y)' }]));
    assert.equal(nb.cells[0].source, 'model.fit(X, y)');
    assert.equal(nb.cells[0].id, undefined);
    assert.equal(nb.cells[0].executionCount, null);
  });

  it('summarises outputs: types, stream and text/plain text, and the first error', () => {
    const nb = read(
      nbJson([
        {
          cell_type: 'code',
          execution_count: 7,
          source: 'print(accuracy)\nclf.score(X_test, y_test)',
          outputs: [
            { output_type: 'stream', name: 'stdout', text: ['Accuracy: 0.93\n'] },
            { output_type: 'execute_result', execution_count: 7, data: { 'text/plain': ['0.9312'] }, metadata: {} },
            { output_type: 'display_data', data: { 'image/png': 'iVBOR...' }, metadata: {} },
            { output_type: 'error', ename: 'ValueError', evalue: 'Input contains NaN', traceback: [] },
          ],
        },
      ]),
    );
    const out = nb.cells[0].outputs;
    assert.equal(out.count, 4);
    assert.deepEqual(out.types, ['stream', 'execute_result', 'display_data', 'error']);
    assert.deepEqual(out.error, { name: 'ValueError', value: 'Input contains NaN' });
    assert.equal(out.text, 'Accuracy: 0.93\n0.9312\n');
  });

  it('caps the output text kept per cell', () => {
    const long = 'epoch 1/100 - loss: 0.6931\n'.repeat(5_000);
    const nb = read(
      nbJson([
        { cell_type: 'code', source: 'model.fit(X, y, epochs=100)', outputs: [{ output_type: 'stream', text: long }] },
      ]),
    );
    assert.equal(nb.cells[0].outputs.text.length, OUTPUT_TEXT_CAP);
  });

  it('gives markdown and raw cells no outputs', () => {
    const nb = read(
      nbJson([
        { cell_type: 'raw', source: 'x' },
        { cell_type: 'markdown', source: 'y' },
      ]),
    );
    for (const cell of nb.cells) assert.deepEqual(cell.outputs, { count: 0, types: [], text: '' });
  });

  it('takes the language from the kernelspec, then language_info, and defaults to python', () => {
    assert.equal(read(nbJson([], { metadata: { kernelspec: { language: 'R', name: 'ir' } } })).language, 'r');
    assert.equal(read(nbJson([], { metadata: { language_info: { name: 'julia' } } })).language, 'julia');
    assert.equal(read(nbJson([])).language, 'python');
    assert.equal(read(JSON.stringify({ nbformat: 4, cells: [] })).language, 'python');
  });

  it('reads a file that starts with a byte-order mark', () => {
    const nb = read('\ufeff' + nbJson([{ cell_type: 'code', source: 'import torch', outputs: [] }]));
    assert.equal(nb.cells[0].source, 'import torch');
  });

  it('rejects nbformat 3 notebooks with the command that converts them', () => {
    const v3 = JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: {}, worksheets: [{ cells: [] }] });
    const text = reason(v3);
    assert.match(text, /nbformat 3/);
    assert.match(text, /jupyter nbconvert --to notebook --nbformat 4/);
  });

  it('rejects invalid JSON with the parser message', () => {
    assert.match(reason('{ "cells": [ '), /^not valid JSON: .+/);
  });

  it('rejects an empty or blank file', () => {
    assert.match(reason(''), /empty/);
    assert.match(reason(' \n'), /empty/);
  });

  it('names what is wrong with a notebook of the wrong shape', () => {
    assert.match(reason('[1, 2]'), /not an object/);
    assert.match(reason('null'), /not an object/);
    assert.match(reason(JSON.stringify({ nbformat: 4, metadata: {} })), /no "cells" array/);
    assert.match(reason(nbJson([{ cell_type: 'code', source: '' }, 'oops'])), /cell 2 is not an object/);
    const noType = nbJson([{ cell_type: 'code', source: '' }, { cell_type: 'markdown', source: '' }, { source: 'x' }]);
    assert.equal(reason(noType), 'cell 3 has no cell_type');
    assert.match(reason(nbJson([{ cell_type: 'heading', source: 'x' }])), /cell 1 has an unknown cell_type "heading"/);
    assert.match(reason(nbJson([{ cell_type: 'code', source: 42 }])), /cell 1 has a source/);
  });

  it('never throws, whatever the input', () => {
    const inputs = [
      '{',
      '"text"',
      '42',
      'true',
      '{"cells": null}',
      '{"cells": [null]}',
      '{"cells": [{"cell_type": "code", "outputs": [null, 3, {"output_type": 7}]}]}',
    ];
    for (const input of inputs) assert.doesNotThrow(() => readNotebook('x.ipynb', input), input);
  });
});
