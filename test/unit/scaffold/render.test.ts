import * as assert from 'node:assert/strict';
import * as Handlebars from 'handlebars';
import { CATALOG } from '../../../src/core/scaffold/catalog';
import { dockerJson, ignorePattern, pyString, shellArg, yamlString } from '../../../src/core/scaffold/helpers';
import { safeRelativePath } from '../../../src/core/scaffold/paths';
import { loadTemplate } from '../../../src/core/scaffold/plan';
import { referencedFields, renderTemplate } from '../../../src/core/scaffold/render';
import { BUILTIN, churnContext } from './fixtures';

describe('scaffold: rendering', () => {
  it('does not HTML-escape (Dockerfiles and YAML are not HTML)', async () => {
    assert.equal(await renderTemplate('t', 'a {{x}} b', { x: '<&"\'>' }), 'a <&"\'> b');
  });

  it('names the template and the field when a value is missing', async () => {
    await assert.rejects(
      renderTemplate('docker/Dockerfile.hbs', 'FROM {{image}}', { port: 1 }),
      /template docker\/Dockerfile\.hbs: uses "image"/,
    );
  });

  it('also catches a missing field used only as a condition or a helper argument', async () => {
    await assert.rejects(renderTemplate('t', '{{#if featurs}}x{{/if}}', { features: [] }), /"featurs"/);
    await assert.rejects(renderTemplate('t', '{{yamlString nme}}', { name: 'a' }), /"nme"/);
  });

  it('reports a missing field inside a loop with its line', async () => {
    await assert.rejects(
      renderTemplate('t', 'a\n{{#each items}}{{nam}}{{/each}}', { items: [{ name: 'x' }] }),
      /line 2, column \d+: the field "nam" is missing/,
    );
  });

  it('refuses helpers it does not know, and leaves the global Handlebars untouched', async () => {
    await assert.rejects(renderTemplate('t', '{{lookup x "y"}} {{exec x}}', { x: {} }), /unknown helper exec/);
    await renderTemplate('t', '{{yamlString x}}', { x: 'a' });
    assert.equal(Handlebars.helpers.yamlString, undefined);
  });

  it('collects the top-level fields a template reads, not helper names or loop item fields', () => {
    const ast = Handlebars.parse(
      '{{a}} {{#if b}}{{c.d}}{{/if}} {{shellArg e}} {{#each f}}{{g}} {{../h}}{{/each}} {{@root.i}} {{#j}}{{k}}{{/j}}',
    );
    assert.deepEqual(referencedFields(ast).sort(), ['a', 'b', 'c', 'e', 'f', 'j']);
  });
});

describe('scaffold: quoting helpers', () => {
  it('quote for YAML, shell, Dockerfile JSON arrays, .dockerignore and Python', () => {
    assert.equal(yamlString('a: "b"\n#c'), '"a: \\"b\\"\\n#c"');
    assert.equal(shellArg("it's $HOME"), `'it'\\''s $HOME'`);
    assert.equal(dockerJson('my model.pkl'), '"my model.pkl"');
    assert.equal(ignorePattern('models/[v1]*.pkl'), 'models/\\[v1\\]\\*.pkl');
    assert.equal(pyString('a"b\\c'), '"a\\"b\\\\c"');
  });

  it('refuse what cannot be quoted safely', () => {
    assert.throws(() => shellArg('a\nrm -rf /'), /control characters/);
    assert.throws(() => dockerJson('a\nRUN evil'), /control characters/);
    assert.throws(() => yamlString(undefined), /field missing/);
    assert.throws(() => shellArg({}), /needs a string or number/);
  });
});

describe('scaffold: output paths', () => {
  it('never leave the target folder', () => {
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\x', '', '.', 'a/\u0000b']) {
      assert.throws(() => safeRelativePath(bad), /unsafe path/, bad);
    }
    assert.equal(safeRelativePath('./a//b/./c.txt'), 'a/b/c.txt');
  });
});

describe('scaffold: catalogue', () => {
  for (const part of CATALOG) {
    for (const file of part.files) {
      it(`${file.template} reads exactly the fields the catalogue lists`, async () => {
        const { text } = await loadTemplate(file.template, [BUILTIN]);
        assert.deepEqual(referencedFields(Handlebars.parse(text)).sort(), [...file.needs].sort());
      });
    }
  }

  it('renders every template with the example context', async () => {
    for (const file of CATALOG.flatMap((p) => p.files)) {
      const { text } = await loadTemplate(file.template, [BUILTIN]);
      assert.ok((await renderTemplate(file.template, text, churnContext())).length > 0);
    }
  });
});
