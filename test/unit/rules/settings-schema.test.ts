import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../src/core/rules/registry';

interface RuleSetting {
  enum: string[];
  markdownDescription: string;
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { properties?: Record<string, RuleSetting> }> } };
};

describe('liftoff.rules setting', () => {
  const settings = manifest.contributes.configuration.properties['liftoff.rules']?.properties ?? {};

  it('has one entry per rule name, and no others', () => {
    assert.deepEqual(Object.keys(settings).sort(), RULES.map((r) => r.name).sort());
  });

  it('describes each rule with its id, description and default severity', () => {
    for (const rule of RULES) {
      const setting = settings[rule.name];
      assert.ok(setting, rule.name);
      assert.deepEqual(setting.enum, ['off', 'error', 'warning', 'info', 'hint']);
      assert.ok(setting.markdownDescription.startsWith(`\`${rule.id}\` ${rule.description}`), rule.id);
      assert.ok(setting.markdownDescription.endsWith(`Default: \`${rule.severity}\`.`), rule.id);
    }
  });
});
