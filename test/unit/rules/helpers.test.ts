/**
 * The rules' shared helpers where they replace a regular expression or a `for...of` by hand-written loops
 * (src/core/rules/helpers.ts): they must answer exactly as the plain version would.
 */
import { strict as assert } from 'node:assert';
import type { ArgFact, CallFact } from '../../../src/core/analysis/facts';
import { isDottedName, keywordArg, positionalArg } from '../../../src/core/rules/helpers';
import { extractFacts } from '../../../src/core/analysis/extract';

const DOTTED_NAME = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;

describe('rule helpers', () => {
  it('isDottedName agrees with the dotted-name pattern', () => {
    const samples = [
      'np.random.seed', 'print', '_private', 'a1.b2._c3', 'x', 'A.B', '', '.', 'a.', '.a', 'a..b', '1a', 'a.1b',
      'a b', 'df["x"].mean', 'f()', 'é', 'a-b', 'a\n', 'get_ipython().run_line_magic', 'torch.optim.Adam',
    ]; // prettier-ignore
    // And every string of up to four characters over an alphabet that mixes allowed and forbidden ones.
    const alphabet = ['a', 'Z', '_', '0', '.', ' ', 'é', '('];
    let strings = [''];
    for (let length = 1; length <= 4; length++) {
      strings = strings.flatMap((s) => (s.length === length - 1 ? alphabet.map((c) => s + c) : []));
      samples.push(...strings);
    }
    for (const text of samples) assert.equal(isDottedName(text), DOTTED_NAME.test(text), JSON.stringify(text));
  });

  it('keywordArg and positionalArg read calls with and without arguments', () => {
    const calls = extractFacts('f()\ng(1, x, *rest, key=2, other=3, **more)').calls;
    const [empty, full] = [calls.find((c) => c.callee === 'f'), calls.find((c) => c.callee === 'g')] as CallFact[];
    assert.equal(keywordArg(empty as CallFact, 'key'), undefined);
    assert.equal(positionalArg(empty as CallFact, 0), undefined);
    const text = (a: ArgFact | undefined): string | undefined => a?.value.text;
    assert.equal(text(keywordArg(full as CallFact, 'nope', 'other', 'key')), '2');
    assert.equal(text(keywordArg(full as CallFact, 'other')), '3');
    assert.equal(keywordArg(full as CallFact), undefined);
    assert.deepEqual(
      [0, 1, 2].map((i) => text(positionalArg(full as CallFact, i))),
      ['1', 'x', undefined],
    );
  });
});
