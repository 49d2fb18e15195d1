/**
 * The mocha runner VS Code's extension host loads through --extensionTestsPath: runs every
 * `*.test.js` next to this file, in name order, and ends with a plain "N passed, N failed" line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // LIFTOFF_TEST_GREP runs only the tests whose full title matches (a regular expression), for debugging.
  const grep = process.env.LIFTOFF_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      const skipped = stats?.pending ?? 0;
      console.log(`${stats?.passes ?? 0} passed, ${failures} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
      if (failures > 0) reject(new Error(`${failures} integration tests failed`));
      else resolve();
    });
  });
}
