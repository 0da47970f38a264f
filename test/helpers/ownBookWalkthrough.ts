import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createScorer } from '../../src/decision/createScorer.js';
import { loadModel } from '../../src/model/loadModel.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { encodeTable } from '../../src/train/dataset/tabularEncoding.js';
import { encodingsFromManifest } from '../../src/train/commands/predictCommand.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's "Train on your own book" section: its shell commands and its TypeScript block. */
export function walkthrough(): { commands: string[][]; code: string } {
  const start = readme.indexOf('\n## Train on your own book\n');
  const end = readme.indexOf('\n## ', start + 4);
  const section = readme.slice(start, end);
  const sh = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  const code = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  const commands = sh
    .trim()
    .split('\n')
    .map((line) => line.replace(/^npx creditlift /, '').split(/\s+/));
  return { commands, code };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

/**
 * Runs the README walkthrough in `dir` on `size` synthetic applicants (`rounds` replaces the
 * README's --rounds): featurize -> train -> the README's TypeScript -> createScorer PDs equal to
 * loadModel(...).predict on the featurized rows within 1e-6, for every applicant.
 */
export async function runWalkthrough(dir: string, size: number, rounds: string): Promise<{ worst: number; n: number }> {
  mkdirSync(dir, { recursive: true });
  const rows = generatePopulation({ size, seed: 4242, asOf: '2026-10-01' });
  writeFileSync(join(dir, 'applicants.ndjson'), rows.map((r) => JSON.stringify(r.applicant)).join('\n') + '\n');
  writeFileSync(join(dir, 'outcomes.csv'), ['id,defaulted', ...rows.map((r) => `${r.applicant.id},${r.defaulted12m ? 1 : 0}`)].join('\n') + '\n');
  const { commands, code } = walkthrough();
  const at = (arg: string) => (/\.(ndjson|csv)$/.test(arg) || arg === 'model' ? join(dir, arg) : arg);
  for (const argv of commands) {
    const args = argv.map(at);
    const r = args.indexOf('--rounds');
    if (r >= 0) args[r + 1] = rounds;
    const c = capture();
    const exit = await main(args, { ...c.io, stdin: process.stdin } as never);
    expect(c.err.join(''), args.join(' ')).not.toMatch(/error/);
    expect(exit).toBe(0);
  }

  // The README's TypeScript, run as written (imports pointed at src/, files relative to `dir`).
  const snippet = join(dir, 'walkthrough.ts');
  const src = new URL('../../src/', import.meta.url).pathname;
  writeFileSync(
    snippet,
    code
      .replace(/from 'creditlift\/train'/g, `from '${src}train/index.js'`)
      .replace(/from 'creditlift'/g, `from '${src}index.js'`)
      .replace(/'((?:model\/model\.onnx)|(?:applicants\.ndjson)|(?:outcomes\.csv))'/g, (_, f: string) => `'${join(dir, f)}'`)
      .replace('console.assert(', 'if (!(')
      .replace('< 1e-6);', '< 1e-6)) throw new Error("README walkthrough: PDs differ");') + '\nexport {};\n',
  );
  await import(/* @vite-ignore */ snippet);

  // Every applicant: the scorer's PD equals the model's PD on the featurized row.
  const applicants = rows.map((r) => r.applicant);
  const model = await loadModel(join(dir, 'model', 'model.onnx'));
  const book = featurizeBook(applicants, parseCsv(readFileSync(join(dir, 'outcomes.csv'), 'utf8')), {
    idColumn: 'id',
    target: 'defaulted',
    manifest: model.manifest,
  });
  // train.csv itself, read back as `train` and `predict` read it, is the same matrix.
  const fromCsv = encodeTable(parseCsv(readFileSync(join(dir, 'train.csv'), 'utf8')), encodingsFromManifest(model.manifest));
  expect(Buffer.from(fromCsv.buffer).equals(Buffer.from(book.matrix.buffer, book.matrix.byteOffset, book.matrix.byteLength))).toBe(true);
  const scorer = await createScorer({ model, suggestionsPerDecision: 0 });
  try {
    const pds = await model.predict(book.matrix, book.nRows);
    const decided = await scorer.decideBatch(applicants);
    let worst = 0;
    decided.forEach((d, i) => {
      if (!d.ok) throw new Error(`applicant ${i}: ${d.error.message}`);
      worst = Math.max(worst, Math.abs(d.decision.pd - pds[i]!));
    });
    return { worst, n: decided.length };
  } finally {
    await scorer.close();
  }
}
