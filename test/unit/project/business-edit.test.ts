import { strict as assert } from 'node:assert';
import {
  checkNumber,
  checkText,
  currentPricing,
  parseNumber,
  setBusinessGoal,
} from '../../../src/core/project/business-edit';
import { inferStyle, ManifestEditError } from '../../../src/core/project/edit';
import { loadManifest } from '../../../src/core/project/load';
import { addAttestation } from '../../../src/extension/readiness-attestation';

/** A hand-written manifest: comments everywhere, four-space indents, flow maps, a section after business. */
const COMMENTED = `# Churn model: production manifest
# (owned by the retention team)
version: 1 # the format

models:
    - name: churn # the model we ship
      task: classification

business:
    kpi: "monthly churn" # quoted on purpose
    # what one voucher costs us
    costFalsePositive: 5 # EUR
    currency: EUR

monitoring:
    drift: { method: psi, threshold: 0.2 }
rules:
    unseeded-randomness: error # we mean it
`;

const FULL = {
  kpi: 'monthly churn rate',
  owner: 'Head of Customer Success',
  costFalsePositive: 5,
  costFalseNegative: 120,
  predictionsPerDay: 4000,
  latencyBudgetMs: 100,
};

describe('setBusinessGoal (liftoff.yaml business section)', () => {
  it('updates the business keys and keeps every comment, blank line and other section as written', () => {
    const out = setBusinessGoal(COMMENTED, FULL);
    const expected = COMMENTED.replace('kpi: "monthly churn"', 'kpi: "monthly churn rate"').replace(
      '    currency: EUR\n',
      '    currency: EUR\n    owner: Head of Customer Success\n    costFalseNegative: 120\n' +
        '    predictionsPerDay: 4000\n    latencyBudgetMs: 100\n',
    );
    assert.equal(out, expected);
    const loaded = loadManifest(out);
    assert.deepEqual(loaded.errors, []);
    assert.deepEqual(loaded.manifest.business, { ...FULL, currency: 'EUR' });
    assert.equal(loaded.manifest.rules['unseeded-randomness'], 'error');
  });

  it('keeps the key order: existing keys stay where they are, new ones follow them', () => {
    const out = setBusinessGoal('business:\n  predictionsPerDay: 10\n  kpi: churn\nversion: 1\n', {
      kpi: 'churn',
      owner: 'me',
      predictionsPerDay: 20,
    });
    assert.equal(out, 'business:\n  predictionsPerDay: 20\n  kpi: churn\n  owner: me\nversion: 1\n');
  });

  it('leaves the text byte for byte when nothing changes', () => {
    const out = setBusinessGoal(COMMENTED, { kpi: 'monthly churn', costFalsePositive: 5 });
    assert.equal(out, COMMENTED);
  });

  it('removes a key set to null and leaves keys it was not given', () => {
    const out = setBusinessGoal(COMMENTED, { currency: null, owner: 'me' });
    assert.doesNotMatch(out, /currency/);
    assert.match(out, /costFalsePositive: 5 # EUR/);
    assert.match(out, /owner: me/);
  });

  it('adds a business section to a manifest without one, after what is there', () => {
    const out = setBusinessGoal('# mine\nversion: 1\nserving:\n  port: 8080 # the port\n', { kpi: 'k', owner: 'o' });
    assert.equal(out, '# mine\nversion: 1\nserving:\n  port: 8080 # the port\nbusiness:\n  kpi: k\n  owner: o\n');
  });

  it('fills in an empty `business:` key', () => {
    const out = setBusinessGoal('version: 1\nbusiness:\n', { kpi: 'k' });
    assert.equal(loadManifest(out).manifest.business.kpi, 'k');
  });

  it('creates a new manifest with a header and the version when there is no file', () => {
    const out = setBusinessGoal(undefined, { kpi: 'k', owner: 'o', unitErrorCost: 0.4 });
    assert.match(out, /^# Liftoff production manifest/);
    assert.match(out, /^version: 1$/m);
    assert.deepEqual(loadManifest(out).manifest.business, { kpi: 'k', owner: 'o', unitErrorCost: 0.4 });
  });

  it('keeps Windows line endings', () => {
    const out = setBusinessGoal('version: 1\r\nbusiness:\r\n  kpi: a # c\r\n', { kpi: 'b', owner: 'o' });
    assert.equal(out, 'version: 1\r\nbusiness:\r\n  kpi: b # c\r\n  owner: o\r\n');
  });

  it('does not fold long values', () => {
    const kpi = 'net revenue retained from customers who would otherwise have churned in the next ninety days';
    assert.match(setBusinessGoal('version: 1\n', { kpi }), new RegExp(`kpi: ${kpi}\n`));
  });

  for (const [what, text, message] of [
    ['invalid YAML', 'version: 1\nbusiness: [kpi\n', /^liftoff\.yaml:\d+:\d+ .*Fix liftoff\.yaml first/],
    ['a list at the root', '- a\n- b\n', /^liftoff\.yaml:1:1 liftoff\.yaml is not a mapping/],
    ['a business that is not a mapping', 'business: churn\n', /^liftoff\.yaml:1:11 `business` in liftoff\.yaml/],
    ['an unknown business key', 'business:\n  kpis: churn\n', /^liftoff\.yaml:2:3 unknown property 'kpis'/],
  ] as const) {
    it(`refuses ${what} with a clear message`, () => {
      assert.throws(
        () => setBusinessGoal(text, { kpi: 'k' }),
        (e: unknown) => {
          assert.ok(e instanceof ManifestEditError);
          assert.match(e.message, message);
          return true;
        },
      );
    });
  }

  it('refuses a value the schema rejects', () => {
    assert.throws(() => setBusinessGoal('version: 1\n', { predictionsPerDay: -3 }), /predictionsPerDay must be >= 0/);
  });
});

describe('the business wizard answers', () => {
  it('reads numbers as people type them', () => {
    assert.equal(parseNumber('1,200'), 1200);
    assert.equal(parseNumber('1 200 000'), 1200000);
    assert.equal(parseNumber(' 0.5 '), 0.5);
    assert.equal(parseNumber('5e3'), 5000);
    assert.equal(parseNumber('12 EUR'), undefined);
    assert.equal(parseNumber(''), undefined);
  });

  it('says what is wrong with a number', () => {
    assert.equal(checkNumber('120'), undefined);
    assert.equal(checkNumber(''), 'Enter a number');
    assert.equal(checkNumber('', { optional: true }), undefined);
    assert.equal(checkNumber('lots'), '"lots" is not a number');
    assert.equal(checkNumber('-1'), 'Must not be negative');
    assert.equal(checkNumber('0', { positive: true }), 'Must be more than 0');
    assert.equal(checkNumber('2.5', { integer: true }), 'Must be a whole number');
    assert.equal(checkText('  ', 'the KPI'), 'Enter the KPI');
  });

  it('suggests regression pricing from the values or the model task', () => {
    assert.equal(currentPricing({}, undefined), 'classification');
    assert.equal(currentPricing({}, 'regression'), 'regression');
    assert.equal(currentPricing({ unitErrorCost: 1 }, undefined), 'regression');
    assert.equal(currentPricing({ costFalseNegative: 1 }, 'regression'), 'classification');
  });
});

describe('liftoff.yaml edits share the style of the file', () => {
  it('infers four-space indents and unindented lists', () => {
    assert.deepEqual(inferStyle('a:\n    b: 1\nc:\n- x\n'), { indent: 4, indentSeq: false });
    assert.deepEqual(inferStyle('# only comments\n'), { indent: 2, indentSeq: true });
  });

  it('adds an attestation in the same style, comments kept', () => {
    const { text } = addAttestation('version: 1 # v\nbusiness:\n    kpi: k # the KPI\n', {
      item: 'data-2',
      status: 'done',
      by: 'me',
    });
    assert.equal(
      text,
      'version: 1 # v\nbusiness:\n    kpi: k # the KPI\nattestations:\n    - item: data-2\n      status: done\n      by: me\n',
    );
  });

  it('refuses to attest into invalid YAML', () => {
    assert.throws(() => addAttestation('version: [1\n', { item: 'data-2', status: 'done' }), ManifestEditError);
  });
});
