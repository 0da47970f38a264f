// `creditlift decide` and `suggest` take the customer's ledger as `score` does: FILE may be the
// envelope `{"applicant": {...}, "limitHistory": [...]}`. An outside tester found the CLI had no way to
// give it, so an existing line raised three times in four days was raised again to 10,000 RMB on the
// command line where the library held it to 3,000 (`step_limit`): the law step_limits_hold broken on
// the CLI path, silently.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'decide-ledger-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string, value: unknown) => {
  const path = join(work, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(() => scorer?.close());

/** A customer with a 3,000 RMB line who asks for 10,000, raised three times in the four days before the decision. */
const customer = (): ApplicantInput => {
  const a = structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput & { platform: Record<string, unknown>; controls: Record<string, unknown> };
  a.platform = { ...a.platform, currentLimit: 300_000 };
  a.controls = { ...a.controls, requestedLimit: 1_000_000 };
  return a;
};
const daysBefore = (d: string, n: number) => new Date(Date.parse(d) - n * 86_400_000).toISOString().slice(0, 10);
const ledger = (a: ApplicantInput) => [
  { asOf: daysBefore(a.asOf, 4), from: 100_000, to: 150_000 },
  { asOf: daysBefore(a.asOf, 2), from: 150_000, to: 200_000 },
  { asOf: daysBefore(a.asOf, 1), from: 200_000, to: 300_000 },
];

describe('decide FILE with the customer ledger', () => {
  it('holds the step limit as the library does: the same decision, byte for byte', async () => {
    const a = customer();
    const library = await scorer.decide(a, { limitHistory: ledger(a) });
    expect(library.bindingConstraint).toBe('step_limit');
    expect(library.limit).toBe(300_000);
    // Without the ledger the line would rise: the ledger is what holds it.
    expect((await scorer.decide(a)).limit).toBeGreaterThan(300_000);
    const c = captureIo();
    expect(await main(['decide', file('envelope.json', { applicant: a, limitHistory: ledger(a) }), '--compact'], c.io)).toBe(0);
    expect(c.out()).toBe(`${JSON.stringify(library)}\n`);
  });

  it('an envelope without a ledger decides the applicant alone; a plain applicant file still decides', async () => {
    const a = customer();
    const alone = JSON.stringify(await scorer.decide(a));
    for (const value of [{ applicant: a }, a]) {
      const c = captureIo();
      expect(await main(['decide', file('plain.json', value), '--compact'], c.io)).toBe(0);
      expect(c.out()).toBe(`${alone}\n`);
    }
  });

  it('every fault is named at its path in the file: the applicant under applicant, the ledger under limitHistory, an unknown key beside them', async () => {
    const a = { ...customer(), birthDate: '2003-02-30' };
    const future = { asOf: daysBefore(a.asOf, -1), from: 200_000, to: 300_000 };
    const bad = captureIo();
    expect(await main(['decide', file('bad.json', { applicant: a, limitHistory: [future, { ...future, asOf: a.asOf, from: -5 }] })], bad.io)).toBe(3);
    expect(bad.err()).toMatch(/applicant\.birthDate, limitHistory\.0\.asOf, limitHistory\.1\.from/);
    const extra = captureIo();
    expect(await main(['decide', file('extra.json', { applicant: a, limitHistory: [future], note: 'x' })], extra.io)).toBe(3);
    expect(extra.err()).toMatch(/note/);
    expect(extra.err()).toMatch(/applicant\.birthDate/);
    expect(extra.err()).toMatch(/limitHistory\.0\.asOf/);
  });

  it('--help says how to give the ledger', async () => {
    for (const command of ['decide', 'suggest']) {
      const c = captureIo();
      expect(await main([command, '--help'], c.io)).toBe(0);
      expect(c.out()).toMatch(/"limitHistory"/);
    }
  });
});

describe('suggest FILE with the customer ledger', () => {
  it('a customer whose window is used up is shown no raise, as the library says', async () => {
    const a = customer();
    const library = await scorer.suggest(a, { top: 5, limitHistory: ledger(a) });
    expect(library.items).toEqual([]);
    expect(library.blockedBy).toBe('step_limit');
    const c = captureIo();
    expect(await main(['suggest', file('suggest.json', { applicant: a, limitHistory: ledger(a) }), '--json'], c.io)).toBe(0);
    expect(JSON.parse(c.out())).toEqual(JSON.parse(JSON.stringify(library)));
  });
});
