// Run by test/hashing/fastCanonicalJson.test.ts in a child started with
// `--disallow-code-generation-from-strings`: fastCanonicalJson must fall back to its generic loop
// there and still give canonicalJson's bytes. Prints { codegen, compared, differing }.
import fc from 'fast-check';
import { canonicalJson } from '../../src/hashing/canonicalJson.js';
import { fastCanonicalJson } from '../../src/hashing/fastCanonicalJson.js';

let codegen = true;
try {
  new Function('return 1');
} catch {
  codegen = false;
}
const values = fc.sample(
  fc.anything({ withNullPrototype: true, withSparseArray: true, withDate: true, withBoxedValues: false, withBigInt: false, withMap: false, withSet: false }),
  { seed: Number(process.argv[2] ?? 1), numRuns: 300 },
);
const differing = values.filter((v) => fastCanonicalJson(v) !== canonicalJson(v)).length;
process.stdout.write(JSON.stringify({ codegen, compared: values.length, differing }));
