// findings23-security F3: canonical JSON writes a number that is not finite as `null` (as
// JSON.stringify does), and JSON.parse reads `1e999` as Infinity, so a decision file with `1e999`
// where the decision held `null` kept its content hash: `verify` refused it only through the
// Decision schema, while `report` and `monitor --decisions` (which read decisions loosely and rely
// on the seal) counted the changed decision, exit 0.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { createScorer } from '../../src/decision/createScorer.js';
import { checkSeal } from '../../src/decision/audit.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/index.js';
import { parseStrictJson } from '../../src/json/parseStrictJson.js';
import { decisionSealFault } from '../../src/report/decisionSeal.js';
import { captureIo } from '../cli/fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'seal-non-finite-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let line: string;
beforeAll(async () => {
  const scorer = await createScorer({ suggestionsPerDecision: 0 });
  try {
    line = JSON.stringify(await scorer.decide(exampleFor('new_graduate').applicant));
  } finally {
    await scorer.close();
  }
}, 60_000);

/** Every `:null` of the line, one at a time, replaced by `text`. */
function eachNullReplacedBy(text: string): string[] {
  const out: string[] = [];
  for (let at = line.indexOf(':null'); at >= 0; at = line.indexOf(':null', at + 1)) out.push(`${line.slice(0, at + 1)}${text}${line.slice(at + 5)}`);
  return out;
}

/** The keys down to the first null of `value` met depth-first (inside an object: the writer's frozen bytes are per object). */
function pathToFirstNull(value: unknown, path: string[] = []): string[] {
  if (typeof value !== 'object' || value === null) return [];
  for (const [k, v] of Object.entries(value)) {
    if (v === null && path.length > 0) return [...path, k];
    const found = pathToFirstNull(v, [...path, k]);
    if (found.length > 0) return found;
  }
  return [];
}

describe('a seal never holds over a number JSON cannot write', () => {
  it('the example decision holds nulls to replace (the check below can fail)', () => {
    expect(eachNullReplacedBy('1e999').length).toBeGreaterThan(2);
    expect(decisionSealFault(JSON.parse(line), { signing: null, personalData: null })).toBeUndefined();
  });

  it('1e999, -1e999 or a 400-digit number in place of any null: the content hash fails (report and monitor read the seal alone)', () => {
    for (const text of ['1e999', '-1e999', `1${'0'.repeat(400)}`]) {
      for (const changed of eachNullReplacedBy(text)) {
        const value = JSON.parse(changed) as Decision;
        expect(decisionSealFault(value, { signing: null, personalData: null })).toBe('contentHash');
        expect(checkSeal(value, { signing: null, personalData: null }).problems[0]?.message).toMatch(/not finite/);
      }
    }
  });

  it('NaN or Infinity in a decision object handed in by code: refused as changed', () => {
    const value = JSON.parse(line) as Decision & { controls: Record<string, unknown> };
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const changed = { ...value, controls: { ...value.controls, selfSetCap: v } } as unknown as Decision;
      expect(decisionSealFault(changed, { signing: null, personalData: null })).toBe('contentHash');
    }
  });

  it('a deep-frozen decision holding Infinity: refused at every check, not only the first', () => {
    // A frozen object met a second time is written from bytes kept by a writer of its own: that
    // writer saw the Infinity, and the seal check's writer must hear of it (it did not: the second
    // check of the same frozen object passed the seal, the Infinity hashed as the null it replaced).
    const deepFreeze = <T>(v: T): T => {
      if (typeof v === 'object' && v !== null) {
        for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
        Object.freeze(v);
      }
      return v;
    };
    const at = line.indexOf(':null');
    const value = JSON.parse(line) as Record<string, unknown>;
    const path = pathToFirstNull(value);
    expect(path.length, `first null at ${at}`).toBeGreaterThan(1);
    const parent = path.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, value);
    parent[path[path.length - 1] as string] = Number.POSITIVE_INFINITY;
    const frozen = deepFreeze(value) as unknown as Decision;
    for (let check = 1; check <= 3; check++) {
      expect(decisionSealFault(frozen, { signing: null, personalData: null }), `check ${check}`).toBe('contentHash');
      expect(checkSeal(frozen, { signing: null, personalData: null }).problems[0]?.message, `check ${check}`).toMatch(/not finite/);
    }
  });

  it('report and monitor --decisions leave the changed decision out (were counted, exit 0)', async () => {
    const changed = eachNullReplacedBy('1e999')[0] as string;
    writeFileSync(join(work, 'inf.ndjson'), `${line}\n${changed}\n`);
    const r = captureIo();
    const reportCode = await runReportCommand([join(work, 'inf.ndjson'), '--out', join(work, 'r.html')], r.io);
    expect(r.out()).toMatch(/report of 1 decisions/);
    expect(reportCode).not.toBe(0);
    const m = captureIo();
    await runMonitorCommand(['--decisions', join(work, 'inf.ndjson'), '--out', join(work, 'm.json')], m.io);
    const monitored: unknown = JSON.parse(readFileSync(join(work, 'm.json'), 'utf8'));
    // Refused as JSON, as verify refuses it, before any seal is looked at (was: read as null, left out as a failed seal).
    expect(r.out()).toMatch(/1 unreadable lines \(1 not_finite\)/);
    expect(r.err()).toMatch(/line 2: \S+: the number written here is beyond a double's range.*\(not_finite\)/);
    expect(monitored).toMatchObject({ records: 2, errors: 1 });
    expect(m.out()).toMatch(/^monitored 1 of 2 records/m);
  });
});

describe('parseStrictJson names a number beyond a double', () => {
  it('1e999, -1e400 and 400 digits are not_finite at their path; 1e308 and -1e-400 are read', () => {
    const r = parseStrictJson(`{"a":1e999,"b":[1,-1e400],"c":${'9'.repeat(400)},"d":1e308}`);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['a', 'not_finite'],
      ['b.1', 'not_finite'],
      ['c', 'not_finite'],
    ]);
    expect(parseStrictJson('{"d":1e308,"e":-1E+308,"f":123456789}')).toEqual({ ok: true, value: { d: 1e308, e: -1e308, f: 123456789 } });
  });

  it('law: every finite double JSON.stringify writes is read back as itself, with no issue', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = parseStrictJson(JSON.stringify({ x }));
        expect(r).toEqual({ ok: true, value: { x: Object.is(x, -0) ? 0 : x } });
      }),
      { seed: 23, numRuns: 500 },
    );
  });
});
