import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { runCatalogCommand } from '../../src/cli/catalogCommand.js';
import { runDecideCommand } from '../../src/cli/decideCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runFeaturizeCommand } from '../../src/train/commands/featurizeCommand.js';
import { baseApplicantInput } from '../helpers/baseApplicant.js';
import { captureIo } from './fakeDecider.js';

// Text from an applicant record reached operators' terminals raw: the certificate kind in `decide
// --summary`, the applicant id in the unknown-kinds warning, an unknown key in the error lines, the kinds
// of `score`'s warning (JSON quoting escapes C0, not U+009B or bidi controls), catalog names in
// `creditlift catalog`. ESC ]0;...BEL set the window title, ESC [2J cleared the screen. What a person
// reads on a terminal now shows them as \u{..} escapes; data written as data keeps exact values.
const work = mkdtempSync(join(tmpdir(), 'creditlift-terminal-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Any code point a terminal must not get raw from input; `\n` between lines is the program's own. */
const RAW = /(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const KIND = 'x\u001b[31mRED\u001b]0;TITLE\u0007\u009b31m\u202e';
// An id holds no control character since findings22-text F1 (refused at `id`), but may hold bidi controls.
const ID = 'app-\u202eevil\u2066\u200f';

function hostileApplicant() {
  const a = baseApplicantInput({ id: ID });
  return {
    ...a,
    evidence: [
      {
        kind: KIND,
        issuer: 'IELTS',
        credentialId: '24CN012345',
        holder: { idHash: a.identity.idHash },
        issueDate: '2025-06-01',
        score: 6.5,
        verification: { method: 'issuer_api', confidence: 0.97 },
        documentHash: 'b'.repeat(64),
      },
    ],
  };
}

function file(name: string, text: string): string {
  const p = join(work, name);
  writeFileSync(p, text);
  return p;
}

describe('input text reaches the terminal escaped', () => {
  const applicant = file('esc.json', JSON.stringify(hostileApplicant()));

  it('decide --summary: the evidence kind is escaped; the warning names the applicant id escaped', async () => {
    const c = captureIo();
    expect(await runDecideCommand([applicant, '--summary'], c.io)).toBe(0);
    expect(c.out()).not.toMatch(RAW);
    expect(c.out()).toContain('Evidence #0 x\\u{1b}[31mRED\\u{1b}]0;TITLE\\u{7}\\u{9b}31m\\u{202e}: rejected');
    expect(c.err()).not.toMatch(RAW);
    expect(c.err()).toContain('app-\\u{202e}evil\\u{2066}\\u{200f}');
  });

  it('decide --summary: a kind typed as the text \\u{1b} prints apart from one holding a real ESC (findings13-security)', async () => {
    const kinds = { typed: 'k\\u{1b}[2J', real: 'k\u001b[2J' };
    const printed: Record<string, string> = {};
    for (const [label, kind] of Object.entries(kinds)) {
      const a = hostileApplicant();
      const path = file(`spelled-${label}.json`, JSON.stringify({ ...a, id: 'app-1', evidence: [{ ...a.evidence[0], kind }] }));
      const c = captureIo();
      expect(await runDecideCommand([path, '--summary'], c.io)).toBe(0);
      printed[label] = (/Evidence #0 (\S+): rejected/.exec(c.out()) ?? [])[1] ?? '';
    }
    expect(printed).toEqual({ typed: 'k\\u{5c}u{1b}[2J', real: 'k\\u{1b}[2J' });
  });

  it('decide (JSON): the decision written as data keeps the exact values', async () => {
    const c = captureIo();
    expect(await runDecideCommand([applicant, '--compact'], c.io)).toBe(0);
    const d = JSON.parse(c.out()) as { applicantId: string; evidence: { kind: string }[] };
    expect(d.applicantId).toBe(ID);
    expect(d.evidence[0]?.kind).toBe(KIND);
  });

  it('decide: an unknown key in the error lines is escaped', async () => {
    const c = captureIo();
    const bad = file('escnd.json', JSON.stringify({ id: 'a', asOf: '2026-11-24', 'zz\u001b]0;T\u0007\u001b[2J\u009b': 1 }));
    expect(await runDecideCommand([bad], c.io)).toBe(3);
    expect(c.err()).toMatch(/Unknown field/);
    expect(c.err()).not.toMatch(RAW);
    expect(c.err()).toContain('zz\\u{1b}]0;T\\u{7}\\u{1b}[2J\\u{9b}');
  });

  it("score: the warning's kinds are escaped (C1 and bidi too); the decisions file keeps them exact", async () => {
    const input = file('esc.ndjson', `${JSON.stringify(hostileApplicant())}\n`);
    const out = join(work, 'sc.out.ndjson');
    const c = captureIo();
    expect(await runScoreCommand(['--in', input, '--out', out, '--overwrite'], c.io)).toBe(0);
    expect(c.err()).toMatch(/warning: .*unknown_kind/);
    expect(c.err()).not.toMatch(RAW);
    expect(c.err()).toContain('\\u{9b}31m\\u{202e}');
    const line = JSON.parse(readFileSync(out, 'utf8').split('\n')[0] as string) as { decision: { applicantId: string; evidence: { kind: string }[] } };
    expect(line.decision.evidence[0]?.kind).toBe(KIND);
    expect(line.decision.applicantId).toBe(ID);
  });

  it('catalog --catalog: names are escaped in the table, exact in --json', async () => {
    const ielts = defaultCatalog.get('ielts');
    const cat = file('evilcat.json', JSON.stringify([{ ...ielts, id: 'evil_kind', names: { en: 'Evil \u001b[2J\u001b]0;PWN\u0007', zhHans: '坏\u202e' } }]));
    const c = captureIo();
    expect(await runCatalogCommand(['--catalog', cat], c.io)).toBe(0);
    expect(c.out()).toContain('Evil \\u{1b}[2J\\u{1b}]0;PWN\\u{7}');
    expect(c.out()).toContain('坏\\u{202e}');
    expect(c.out()).not.toMatch(RAW);
    const j = captureIo();
    expect(await runCatalogCommand(['--catalog', cat, '--json'], j.io)).toBe(0);
    expect((JSON.parse(j.out()) as { names: { en: string } }[]).find((k) => k.names.en.startsWith('Evil'))?.names.en).toBe('Evil \u001b[2J\u001b]0;PWN\u0007');
  });

  it('featurize: warnings naming outcome ids are escaped', async () => {
    const a = baseApplicantInput({ id: 'app-1' });
    const book = file('fz.ndjson', `${JSON.stringify(a)}\n`);
    const outcomes = file('fz.csv', 'id,defaulted\napp-1,no\n"ghost\u001b[2J\u202e",yes\n');
    const c = captureIo();
    expect(await runFeaturizeCommand(['--in', book, '--outcomes', outcomes, '--target', 'defaulted', '--out', join(work, 'fz-out.csv')], c.io)).toBe(0);
    expect(c.err()).toMatch(/warning/);
    expect(c.err()).not.toMatch(RAW);
  });
});
