// Outside tester findings F9: a `--policy` or `--catalog` path that did not exist printed Node's raw
// "ENOENT: no such file or directory, open '...'" without the option (a folder: "EISDIR: illegal
// operation on a directory, read"), unlike the key files; and `decide`, `suggest`, `catalog` and
// `playground` exited 3 ("the applicant was rejected") for a policy or catalog file that was not
// UTF-8, where their help says an unusable policy exits 1. Every command now names the option and
// the path and exits 1; exit 3 stays for the applicant's own data.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { captureIo } from './fakeDecider.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-optionfiles-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string) => join(work, name);
const applicant = exampleApplicants[0]!.applicant;
writeFileSync(file('app.json'), JSON.stringify(applicant));
writeFileSync(file('book.ndjson'), `${JSON.stringify(applicant)}\n`);
writeFileSync(file('outcomes.csv'), `id,defaulted\n${applicant.id},0\n`);
writeFileSync(file('decisions.ndjson'), '');
mkdirSync(file('folder'));
// GBK bytes of 张三 inside an otherwise valid JSON string: not UTF-8.
const gbk = Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from('"}')]);
writeFileSync(file('gbk.json'), gbk);

let n = 0;
const out = (ext: string) => file(`out-${++n}.${ext}`);

/** Every command that reads a policy or catalog file, with the options it reads them under. */
const commands: Record<string, { options: readonly string[]; argv: () => string[] }> = {
  decide: { options: ['--policy', '--catalog'], argv: () => ['decide', file('app.json')] },
  suggest: { options: ['--policy', '--catalog'], argv: () => ['suggest', file('app.json')] },
  score: { options: ['--policy', '--catalog'], argv: () => ['score', '--in', file('book.ndjson'), '--out', out('ndjson')] },
  simulate: {
    options: ['--baseline-policy', '--candidate-policy', '--catalog'],
    argv: () => ['simulate', '--book', file('book.ndjson'), '--out', out('json')],
  },
  monitor: { options: ['--policy', '--catalog'], argv: () => ['monitor', '--applicants', file('book.ndjson'), '--write-baseline', out('json')] },
  report: { options: ['--policy', '--catalog'], argv: () => ['report', file('decisions.ndjson'), '--out', out('html')] },
  catalog: { options: ['--catalog'], argv: () => ['catalog'] },
  playground: { options: ['--policy', '--catalog'], argv: () => ['playground', '--port', '0'] },
  featurize: {
    options: ['--policy', '--catalog'],
    argv: () => ['featurize', '--in', file('book.ndjson'), '--outcomes', file('outcomes.csv'), '--target', 'defaulted', '--out', out('csv')],
  },
};

/** Each way a file can be unusable, and what the message says of it. */
const unusable: Record<string, { path: () => string; problem: RegExp }> = {
  missing: { path: () => file('nosuch.json'), problem: /: no such file$/m },
  'a folder': { path: () => file('folder'), problem: /: is a folder, not a file$/m },
  'under a file': { path: () => join(file('app.json'), 'x.json'), problem: /: cannot be read \(a part of the path is a file, not a folder\)$/m },
  'not UTF-8': { path: () => file('gbk.json'), problem: /: not UTF-8: invalid byte at offset 6 \(4 invalid bytes in all\)$/m },
};

describe('an unusable policy or catalog file exits 1 on every command, naming the option and the path', () => {
  for (const [command, { options, argv }] of Object.entries(commands)) {
    for (const option of options) {
      for (const [how, { path, problem }] of Object.entries(unusable)) {
        it(`${command} ${option} ${how}`, async () => {
          const c = captureIo();
          const code = await main([...argv(), option, path()], c.io);
          expect(code, c.err()).toBe(1);
          expect(c.err()).toContain(`error: ${option} ${path()}: `);
          expect(c.err()).toMatch(problem);
          expect(c.err()).not.toMatch(/ENOENT|EISDIR|ENOTDIR/);
        });
      }
    }
  }
});

describe("the other options' files are named the same way", () => {
  const others: Record<string, (path: string) => string[]> = {
    'simulate --outcomes': (p) => ['simulate', '--book', file('book.ndjson'), '--out', out('json'), '--outcomes', p],
    'featurize --outcomes': (p) => ['featurize', '--in', file('book.ndjson'), '--outcomes', p, '--target', 'defaulted', '--out', out('csv')],
    'monitor --baseline': (p) => ['monitor', '--applicants', file('book.ndjson'), '--baseline', p, '--out', out('json')],
    'train --data': (p) => ['train', '--data', p, '--target', 'y', '--positive', '1', '--out', file('model')],
  };
  for (const [name, argv] of Object.entries(others)) {
    const option = name.split(' ')[1]!;
    for (const how of ['missing', 'not UTF-8'] as const) {
      it(`${name} ${how}`, async () => {
        const { path, problem } = unusable[how]!;
        const c = captureIo();
        expect(await main(argv(path()), c.io), c.err()).toBe(1);
        expect(c.err()).toContain(`error: ${option} ${path()}: `);
        expect(c.err()).toMatch(problem);
      });
    }
  }
});

describe("exit 3 stays for the applicant's own data", () => {
  for (const command of ['decide', 'suggest']) {
    it(`${command} of an applicant file that is not UTF-8 exits 3`, async () => {
      const c = captureIo();
      expect(await main([command, file('gbk.json')], c.io)).toBe(3);
      expect(c.err()).toContain(`${file('gbk.json')} is not UTF-8: invalid byte at offset 6`);
    });
  }
});
