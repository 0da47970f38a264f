import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerifyCommand } from '../../src/cli/verifyCommand.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { PriorInvalidError } from '../../src/decision/priorInvalidError.js';
import { verifyDecision } from '../../src/decision/verifyDecision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import * as root from '../../src/index.js';
import { captureIo } from '../cli/fakeDecider.js';

const SEED = 20_261_128;
const KEY_A = 'A'.repeat(40);
const KEY_B = 'B'.repeat(40);

/** A JSON leaf path of `v` with the leaf's value: the places a tamperer can change. */
function leaves(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...at, i]));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => leaves(x, [...at, k]));
  return [at];
}

/** `d` with the leaf at `path` changed (a number +1, a string with one more character, a boolean flipped, null to 0). */
function changedAt(d: Decision, path: (string | number)[]): unknown {
  const copy = structuredClone(d) as unknown as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  const v = node[last];
  node[last] = typeof v === 'number' ? v + 1 : typeof v === 'string' ? `${v}0` : typeof v === 'boolean' ? !v : 0;
  return copy;
}

// Audit tester F10: the only seal check was taking the decision as a prior, which makes a new one.
describe('verifyDecision: a stored decision checked without deciding', () => {
  let plain: Scorer;
  let a: Scorer;
  let decisions: Decision[];
  let signed: Decision[];
  beforeAll(async () => {
    plain = await createScorer({ suggestionsPerDecision: 1 });
    a = await createScorer({ signingKey: KEY_A, suggestionsPerDecision: 1 });
    const applicants = exampleApplicants.slice(0, 4).map((e) => e.applicant);
    decisions = await Promise.all(applicants.map((x) => plain.decide(structuredClone(x))));
    signed = await Promise.all(applicants.map((x) => a.decide(structuredClone(x))));
  });
  afterAll(async () => {
    await Promise.all([plain.close(), a.close()]);
  });

  it('is a root export; a sealed decision verifies as made and as read back from JSON, naming its signer', () => {
    expect(root.verifyDecision).toBe(verifyDecision);
    for (const d of decisions) expect(verifyDecision(JSON.parse(JSON.stringify(d)))).toEqual({ ok: true, decision: d, signedBy: null });
    for (const d of signed) {
      expect(verifyDecision(d, { signingKey: KEY_A })).toMatchObject({ ok: true, signedBy: { key: 'signingKey' } });
      expect(verifyDecision(d, { signingKey: KEY_B, verificationKeys: [KEY_B, KEY_A] })).toMatchObject({
        ok: true,
        signedBy: { key: 'verificationKeys', index: 1 },
      });
    }
  });

  it('law: any single leaf changed after sealing fails, at audit.contentHash (and audit.signature when signed); never a throw', () => {
    const cases = [...decisions.map((d) => [d, undefined] as const), ...signed.map((d) => [d, KEY_A] as const)];
    fc.assert(
      fc.property(
        fc.constantFrom(...cases).chain(([d, key]) => fc.constantFrom(...leaves(d)).map((path) => ({ d, key, path }))),
        ({ d, key, path }) => {
          const r = verifyDecision(changedAt(d, path), key === undefined ? {} : { signingKey: key });
          expect(r.ok, path.join('.')).toBe(false);
          if (r.ok) return;
          expect(r.error).toBeInstanceOf(PriorInvalidError);
          // A schema fault names its field; otherwise the seal fails, and names the seal, never a guess at the field.
          const fields = r.error.fields;
          if (!fields.some((f) => f === path.join('.')))
            expect(fields).toEqual(key === undefined ? ['audit.contentHash'] : expect.arrayContaining(['audit.signature']));
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('a signed decision without a key, an unsigned one with a key, and one under another key fail at audit.signature', () => {
    const [d] = signed as [Decision];
    const [u] = decisions as [Decision];
    for (const [x, options] of [
      [d, {}],
      [u, { signingKey: KEY_A }],
      [d, { signingKey: KEY_B }],
      [u, { verificationKeys: [KEY_A] }],
    ] as const) {
      const r = verifyDecision(x, options);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.fields).toEqual(['audit.signature']);
    }
    const r = verifyDecision(d, {});
    expect(!r.ok && r.error.message).toMatch(/^Decision does not verify \(prior_invalid\): audit\.signature: .*no signing key is given/);
  });

  it('anything that is not a decision is a result naming its faults; bad options throw a ValidationError', () => {
    for (const v of [null, 42, 'x', [], { audit: {} }]) {
      const r = verifyDecision(v);
      expect(r.ok).toBe(false);
    }
    for (const options of [{ signingKey: 'short' }, { signingKey: undefined }, { verificationKeys: 'x' }, { signingkey: KEY_A }]) {
      expect(() => verifyDecision(decisions[0], options as never)).toThrow(ValidationError);
    }
  });
});

describe('creditlift verify', () => {
  let a: Scorer;
  let dir: string;
  let lines: string[];
  beforeAll(async () => {
    a = await createScorer({ signingKey: KEY_A, suggestionsPerDecision: 0 });
    dir = mkdtempSync(join(tmpdir(), 'creditlift-verify-'));
    writeFileSync(join(dir, 'keyA.txt'), `${KEY_A}\n`);
    writeFileSync(join(dir, 'keyB.txt'), `${KEY_B}\n`);
    writeFileSync(join(dir, 'short.txt'), 'short\n');
    const ds = await Promise.all(exampleApplicants.slice(0, 3).map((e) => a.decide(structuredClone(e.applicant))));
    lines = ds.map((d, i) => JSON.stringify({ line: i + 1, decision: d }));
  });
  afterAll(async () => {
    await a.close();
  });
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const run = async (args: string[]) => {
    const c = captureIo();
    const code = await runVerifyCommand(args, c.io);
    return { code, out: c.out(), err: c.err() };
  };

  it('a score output verifies under its key (exit 0), error lines counted apart', async () => {
    const file = write(
      'ok.ndjson',
      `${[...lines, JSON.stringify({ line: 4, error: { code: 'validation_failed', message: 'Invalid Applicant: 1 problem(s) at income' } })].join('\n')}\n`,
    );
    const r = await run([file, '--signing-key-file', join(dir, 'keyA.txt')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/verified 3 of 3 decision\(s\) .* \(3 signed under --signing-key-file\); 1 error line\(s\)/);
  });

  it('an edited decision fails (exit 3), and the ones around it still verify; after a rotation the old key goes in --verification-key-file', async () => {
    const edited = lines[1]?.replace(/"limit":(\d+),/, (_m, n: string) => `"limit":${Number(n) + 18_000_000},`) as string;
    const file = write('t1.ndjson', `${[lines[0], edited, lines[2]].join('\n')}\n`);
    const r = await run([file, '--signing-key-file', join(dir, 'keyA.txt')]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^line 2 \(dec_[0-9a-f]{32}\): does not verify\n {2}- audit\.contentHash: .*\n {2}- audit\.signature: /m);
    expect(r.out).toMatch(/verified 2 of 3 decision\(s\) .*; 1 did not verify/);
    const rotated = await run([
      write('ok2.ndjson', `${lines.join('\n')}\n`),
      '--signing-key-file',
      join(dir, 'keyB.txt'),
      '--verification-key-file',
      join(dir, 'keyA.txt'),
    ]);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/3 signed under --verification-key-file #1/);
  });

  it('without a key, signed decisions fail (nothing could verify them); a pretty-printed decision and an array are read whole', async () => {
    const d = JSON.parse(lines[0] as string).decision as Decision;
    expect((await run([write('one.json', JSON.stringify(d, null, 2))])).code).toBe(3);
    const pretty = await run([write('one2.json', JSON.stringify(d, null, 2)), '--signing-key-file', join(dir, 'keyA.txt')]);
    expect(pretty.code).toBe(0);
    const arr = await run([write('arr.json', JSON.stringify([d, { ...d, limit: 1 }], null, 2)), '--signing-key-file', join(dir, 'keyA.txt')]);
    expect(arr.code).toBe(3);
    expect(arr.out).toMatch(/^element 1 \(dec_/m);
  });

  it('a line merely carrying an error key is no score error line: it is not read, with its reason (exit 3); an empty file verifies nothing (exit 3)', async () => {
    const fake = await run([
      write('fake.ndjson', `${[lines[0], JSON.stringify({ error: 1 }), lines[2]].join('\n')}\n`),
      '--signing-key-file',
      join(dir, 'keyA.txt'),
    ]);
    expect(fake.code).toBe(3);
    // Named as report names it, not verified as a Decision (it listed the schema's issues).
    expect(fake.out).toMatch(/^line 2: not read: an error line not as score writes it .*error: /m);
    expect(fake.out).toMatch(/verified 2 of 2 decision\(s\) .*; 1 line\(s\) not read/);
    const empty = await run([write('empty.ndjson', ''), '--signing-key-file', join(dir, 'keyA.txt')]);
    expect(empty.code).toBe(3);
    expect(empty.out).toMatch(/no decision found in .*empty\.ndjson/);
  });

  it('an unusable key file exits 1 naming its option; no file is usage (2)', async () => {
    const short = await run([write('x.ndjson', `${lines[0]}\n`), '--signing-key-file', join(dir, 'short.txt')]);
    expect(short.code).toBe(1);
    expect(short.err).toMatch(/--signing-key-file .*short\.txt/);
    const missing = await run([join(dir, 'x.ndjson'), '--verification-key-file', join(dir, 'nosuch.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/--verification-key-file .*nosuch\.txt/);
    expect((await run([])).code).toBe(2);
  });
});
