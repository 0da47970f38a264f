// A --policy file is the lender's own rules: a key written twice (JSON.parse keeps the last one) or a
// "__proto__" key (dropped by a naive merge) must be refused by name, never decided on silently.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runMonitorCommand } from '../../src/cli/monitorCommand.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'policy-file-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  writeFileSync(join(work, name), text);
  return join(work, name);
};
const applicant = file('one.json', JSON.stringify(exampleApplicants[0]!.applicant));
const book = file('book.ndjson', `${JSON.stringify(exampleApplicants[0]!.applicant)}\n`);

describe('--policy FILE', () => {
  it('decide: a key repeated in one object is refused with duplicate_key, naming every repeat and the file', async () => {
    const policy = file('dup.json', '{"pricing":{"aprCap":0.18,"margin":0.2,"aprCap":0.24},"limits":{"productMax":3000000,"productMax":5000000}}');
    const c = captureIo();
    expect(await main(['decide', applicant, '--policy', policy, '--compact'], c.io)).not.toBe(0);
    expect(c.out()).toBe('');
    expect(c.err()).toMatch(/policy_invalid|duplicate_key/);
    expect(c.err()).toMatch(/pricing\.aprCap/);
    expect(c.err()).toMatch(/limits\.productMax/);
    expect(c.err()).toMatch(/dup\.json/);
  });

  it('decide: a "__proto__" key is refused as an unknown field by name', async () => {
    const policy = file('proto.json', '{"pricing":{"margin":0.2,"__proto__":{"aprCap":0.18}}}');
    const c = captureIo();
    expect(await main(['decide', applicant, '--policy', policy, '--compact'], c.io)).not.toBe(0);
    expect(c.out()).toBe('');
    expect(c.err()).toMatch(/pricing\.__proto__/);
  });

  it('decide: the same overrides written once are applied', async () => {
    const policy = file('strict.json', '{"pricing":{"margin":0.2,"aprCap":0.18}}');
    const c = captureIo();
    expect(await main(['decide', applicant, '--policy', policy, '--compact'], c.io)).toBe(0);
    const decision = JSON.parse(c.out()) as { apr: number };
    expect(decision.apr).toBeLessThanOrEqual(0.18);
  });

  it('monitor --applicants: a key repeated in the policy file is refused, naming it', async () => {
    const policy = file('dup-monitor.json', '{"pricing":{"aprCap":0.18,"aprCap":0.24}}');
    const c = captureIo();
    const code = await runMonitorCommand(['--applicants', book, '--policy', policy, '--out', join(work, 'mon.json')], c.io);
    expect(code).not.toBe(0);
    expect(c.err()).toMatch(/pricing\.aprCap/);
  });
});
