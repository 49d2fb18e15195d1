import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatManifestError, loadManifest } from '../../../src/core/project/load';

const COMPLETE = path.resolve(__dirname, '../../fixtures/projects/complete/liftoff.yaml');

describe('liftoff.yaml loading', () => {
  it('treats a missing file as defaults, not an error', () => {
    const loaded = loadManifest(undefined);
    assert.equal(loaded.present, false);
    assert.deepEqual(loaded.errors, []);
    assert.deepEqual(loaded.manifest.attestations, []);
  });

  it('loads a complete manifest without errors', () => {
    const loaded = loadManifest(readFileSync(COMPLETE, 'utf8'));
    assert.deepEqual(loaded.errors, []);
    assert.equal(loaded.manifest.business.costFalseNegative, 120);
    assert.equal(loaded.manifest.attestations[0]?.date, '2026-11-20');
    assert.equal(loaded.manifest.rules['unseeded-randomness'], 'error');
  });

  it('treats an empty file as defaults', () => {
    assert.deepEqual(loadManifest('# nothing yet\n').errors, []);
  });

  it('points a type error at the value, with line and column', () => {
    const text = 'business:\n  kpi: churn\n  predictionsPerDay: lots\n';
    const [error] = loadManifest(text).errors;
    assert.ok(error);
    assert.equal(formatManifestError(error), 'liftoff.yaml:3:22 business.predictionsPerDay must be a number');
  });

  it('points an unknown property at its key', () => {
    const [error] = loadManifest('serving:\n  prot: 8080\n').errors;
    assert.equal(error && formatManifestError(error), "liftoff.yaml:2:3 unknown property 'prot'");
  });

  it('names the allowed values of an enum and the index in a list', () => {
    const text = 'attestations:\n  - item: data-1\n    status: maybe\n';
    const [error] = loadManifest(text).errors;
    assert.equal(error?.path, 'attestations[0].status');
    assert.match(error?.message ?? '', /must be one of done, automated/);
    assert.equal(error?.line, 3);
  });

  it('reports YAML syntax errors with their position', () => {
    const { errors, present } = loadManifest('business:\n  kpi: [unclosed\n');
    assert.equal(present, true);
    assert.ok(errors.length > 0);
    assert.ok((errors[0]?.line ?? 0) >= 2);
  });

  it('keeps the valid sections when another one is malformed', () => {
    const loaded = loadManifest('business:\n  kpi: churn\nserving: 8080\n');
    assert.equal(loaded.manifest.business.kpi, 'churn');
    assert.deepEqual(loaded.manifest.serving, {});
    assert.equal(loaded.errors[0]?.message, 'serving must be an object');
  });
});
