import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CATALOG } from '../../../src/core/scaffold/catalog';

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: { commandPalette: { command: string; when?: string }[] };
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const PART_COMMAND = /^liftoff\.scaffold\.(?!deployment$|templatesPath$)(.+)$/;

describe('scaffold commands in package.json', () => {
  it('declares one palette command per catalogue part, in category Liftoff', () => {
    for (const part of CATALOG) {
      const id = `liftoff.scaffold.${part.id}`;
      const command = manifest.contributes.commands.find((c) => c.command === id);
      assert.ok(command, `no command ${id} for part "${part.id}"`);
      assert.equal(command.category, 'Liftoff');
      const palette = manifest.contributes.menus.commandPalette.find((c) => c.command === id);
      assert.equal(palette?.when, 'workspaceFolderCount > 0', `${id} is not offered only with a folder open`);
    }
  });

  it('declares no part command for a part the catalogue does not have', () => {
    const parts = new Set(CATALOG.map((p) => p.id));
    const stale = manifest.contributes.commands
      .map((c) => PART_COMMAND.exec(c.command)?.[1])
      .filter((id): id is string => id !== undefined && !parts.has(id));
    assert.deepEqual(stale, []);
  });
});
