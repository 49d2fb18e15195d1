import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findRule, RULES } from '../../../src/core/rules/registry';
import { ruleDocsPath } from '../../../src/core/rules/rule';

const ROOT = path.resolve(__dirname, '../../..');
const DOCS = path.join(ROOT, 'docs/rules');

describe('rule registry', () => {
  it('has unique, well-formed ids and names, in id order', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(new Set(RULES.map((r) => r.name)).size, RULES.length);
    assert.deepEqual([...ids].sort(), ids);
    for (const rule of RULES) {
      assert.match(rule.id, /^LO\d{3}$/);
      assert.match(rule.name, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(rule.description.length > 20 && !rule.description.includes('\n'), rule.id);
    }
  });

  it('finds rules by id (any case) or name', () => {
    assert.equal(findRule('LO402')?.name, 'unseeded-randomness');
    assert.equal(findRule('lo402')?.name, 'unseeded-randomness');
    assert.equal(findRule('hardcoded-path')?.id, 'LO101');
    assert.equal(findRule('nope'), undefined);
  });

  it('is frozen', () => {
    assert.ok(Object.isFrozen(RULES));
  });
});

describe('rule docs', () => {
  const index = readFileSync(path.join(DOCS, 'README.md'), 'utf8');

  it('has a page for every rule, with its id, name and a suppression example', () => {
    for (const rule of RULES) {
      const page = path.join(ROOT, ruleDocsPath(rule));
      assert.ok(existsSync(page), `missing ${ruleDocsPath(rule)}`);
      const text = readFileSync(page, 'utf8');
      assert.ok(text.startsWith(`# ${rule.id} \`${rule.name}\``), `${rule.id}: title`);
      assert.ok(text.includes(`"${rule.name}": "off"`), `${rule.id}: settings example`);
      assert.ok(text.includes('## Why it matters in production'), `${rule.id}: why section`);
    }
  });

  it('lists every rule in the index with its category and description', () => {
    for (const rule of RULES) {
      const row = index
        .split('\n')
        .find((line) => line.startsWith(`| [${rule.id}](${path.basename(ruleDocsPath(rule))})`));
      assert.ok(row, `index row for ${rule.id}`);
      assert.ok(row.includes(`\`${rule.name}\``) && row.includes(` ${rule.category} `), `${rule.id}: name/category`);
      assert.ok(row.includes(rule.severity), `${rule.id}: severity`);
      assert.ok(row.includes(rule.description), `${rule.id}: description`);
    }
  });

  it('has no orphan pages or index rows', () => {
    const expected = new Set(RULES.map((r) => path.basename(ruleDocsPath(r))));
    const pages = readdirSync(DOCS).filter((f) => f !== 'README.md');
    assert.deepEqual(
      pages.filter((p) => !expected.has(p)),
      [],
    );
    const linked = [...index.matchAll(/\]\((LO\d{3}-[a-z-]+\.md)\)/g)].map((m) => m[1]);
    assert.deepEqual(
      linked.filter((l) => l === undefined || !expected.has(l)),
      [],
    );
  });
});
