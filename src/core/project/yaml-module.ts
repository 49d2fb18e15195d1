/**
 * The yaml package, required on first use: with ajv it is a third of the extension bundle, and
 * activation should not pay for parsing liftoff.yaml before anyone needs it.
 */
import type * as YamlNs from 'yaml';

let loaded: typeof YamlNs | undefined;

export function yaml(): typeof YamlNs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('yaml') as typeof YamlNs);
}
