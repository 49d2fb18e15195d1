import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { locateCells, fileLineOf } from '../../src/cli/notebook-lines';
import { formatFindingsSarif, toUri } from '../../src/cli/report-sarif';
import { runCli as cli } from './cli-helper';
import { RULES } from '../../src/core/rules/registry';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = 'test/fixtures/notebooks';
// The official SARIF 2.1.0 schema (rtm.5, JSON Schema draft-04), vendored from @microsoft/jest-sarif (MIT).
const SCHEMA = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/sarif-2.1.0.json'), 'utf8')) as object;

interface SarifLog {
  version: string;
  $schema: string;
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version: string;
        rules: Array<{ id: string; name: string; defaultConfiguration: { level: string } }>;
      };
    };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      partialFingerprints: Record<string, string>;
      locations: Array<{
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
        logicalLocations?: Array<{ name: string; fullyQualifiedName: string; kind: string }>;
      }>;
    }>;
  }>;
}

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }); // the schema's language pattern is not valid in unicode mode
  addFormats(ajv);
  return ajv.compile(SCHEMA);
}

describe('liftoff check --format sarif', () => {
  it('writes a SARIF 2.1.0 log that validates against the official schema', async () => {
    const { code, stdout, stderr } = await cli(['check', FIXTURES, '--format', 'sarif']);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    const log = JSON.parse(stdout) as SarifLog;
    const validate = validator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    const [sarifRun] = log.runs;
    assert.equal(sarifRun?.tool.driver.name, 'Liftoff');
    assert.deepEqual(
      sarifRun?.tool.driver.rules.map((r) => r.id),
      RULES.map((r) => r.id),
    );
    assert.ok(sarifRun!.results.length > 0);
  });

  it('points each result at the notebook file, the cell as a logical location, and the cell line in the JSON', async () => {
    const { stdout } = await cli(['check', FIXTURES, '--format', 'sarif']);
    const log = JSON.parse(stdout) as SarifLog;
    const results = log.runs[0]!.results;
    const gaps = `${FIXTURES}/gaps.ipynb`;
    const fileLines = readFileSync(path.join(ROOT, gaps), 'utf8').split('\n');
    const pathFinding = results.find((r) => r.ruleId === 'LO101');
    assert.ok(pathFinding);
    const loc = pathFinding.locations[0]!;
    assert.equal(loc.physicalLocation.artifactLocation.uri, gaps);
    assert.deepEqual(loc.logicalLocations, [{ name: 'cell 2', fullyQualifiedName: `${gaps}#cell 2`, kind: 'element' }]);
    assert.match(fileLines[loc.physicalLocation.region.startLine - 1] ?? '', /\/home\//);
    assert.equal(pathFinding.level, 'error');
    assert.equal(log.runs[0]!.tool.driver.rules[pathFinding.ruleIndex]?.id, 'LO101');
    const fingerprints = results.map((r) => r.partialFingerprints['liftoffFinding/v1']);
    assert.equal(new Set(fingerprints).size, fingerprints.length);
  });

  it('maps info and hint to note, and locates whole-file findings at line 1', () => {
    const text = formatFindingsSarif(
      '1.2.3',
      [
        {
          file: 'a b/n.ipynb',
          ruleId: 'LO601',
          ruleName: 'model-not-persisted',
          category: 'deployment',
          severity: 'info',
          message: 'm',
          cellIndex: 0,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        },
        {
          file: 'bad.ipynb',
          ruleId: 'LO901',
          ruleName: 'unreadable-notebook',
          category: 'notebook',
          severity: 'error',
          message: 'not JSON',
        },
      ],
      new Map(),
    );
    const log = JSON.parse(text) as SarifLog;
    const validate = validator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const [info, file] = log.runs[0]!.results;
    assert.equal(info?.level, 'note');
    assert.equal(info?.locations[0]?.physicalLocation.artifactLocation.uri, 'a%20b/n.ipynb');
    assert.equal(file?.locations[0]?.physicalLocation.region.startLine, 1);
    assert.equal(file?.locations[0]?.logicalLocations, undefined);
  });

  it('is only accepted by check', async () => {
    const { code, stderr } = await cli(['rules', '--format', 'sarif']);
    assert.equal(code, 2);
    assert.match(stderr, /--format sarif is only for 'liftoff check'/);
  });
});

describe('notebook cell lines', () => {
  it('finds the file line of each source line, for list and string sources', () => {
    const text = JSON.stringify(
      {
        cells: [
          { cell_type: 'markdown', metadata: {}, source: ['# Title\n', 'text "quoted" \\ done'] },
          {
            cell_type: 'code',
            metadata: { tags: ['a'] },
            outputs: [{ text: ['{"cells": 1}'] }],
            source: ['import os\n', 'x = 1'],
          },
          { cell_type: 'code', metadata: {}, source: 'single\nstring' },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    );
    const lines = text.split('\n');
    const cells = locateCells(text);
    assert.equal(cells.length, 3);
    assert.match(lines[fileLineOf(cells, 1, 1)! - 1] ?? '', /"x = 1"/);
    assert.match(lines[fileLineOf(cells, 0, 1)! - 1] ?? '', /quoted/);
    assert.match(lines[fileLineOf(cells, 2, 1)! - 1] ?? '', /single\\nstring/);
    assert.equal(fileLineOf(cells, 7, 0), undefined);
  });

  it('gives up quietly on text that is not a notebook', () => {
    assert.deepEqual(locateCells('not json'), []);
    assert.deepEqual(locateCells(''), []);
  });

  it('turns absolute paths into file URIs and keeps relative ones relative', () => {
    assert.equal(toUri('notebooks/eda #1.ipynb'), 'notebooks/eda%20%231.ipynb');
    assert.match(toUri('/tmp/x.ipynb'), /^file:\/\/\/tmp\/x\.ipynb$/);
  });
});
