// Where a decision's time goes, stage by stage: copies a BUILT package, adds hrtime counters around
// each stage of decideBatch (parse, plan, encode, model, policy, TreeSHAP, audit, seal and their
// parts), then runs rounds of decideBatch on the copy and prints wall µs per decision per stage.
// `node bench/profile/stageTimers.mjs /abs/dist [suggestions=0] [rounds=6] [batch|decide]` (`decide`: one
// `decide()` call at a time, on the first 512 applicants, parse and plan not split); add node flags such as
// `--max-semi-space-size=1024 --min-semi-space-size=1024` to take most scavenges out. The copy goes
// to a temporary folder in the repository's .tmp/ (so it resolves the same dependencies); the anchors are the shipped code's text, and a missing one stops the run.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [dist, suggestionsArg = '0', roundsArg = '6', mode = 'batch'] = process.argv.slice(2);
if (mode !== 'batch' && mode !== 'decide') throw new Error('mode is batch or decide');
if (!dist) throw new Error('pass the absolute path of a built dist/ folder');
const scratch = fileURLToPath(new URL('../../.tmp/', import.meta.url));
mkdirSync(scratch, { recursive: true });
const copy = join(mkdtempSync(join(scratch, 'stages-')), 'dist');
cpSync(dist, copy, { recursive: true });
// The stages live in more than one chunk (the audit's sealing moved out of the scorer's): each
// anchor is looked for in every chunk, and each chunk patched gets the counters' prelude.
const chunks = new Map(
  readdirSync(copy)
    .filter((f) => f.endsWith('.js'))
    .map((f) => [join(copy, f), readFileSync(join(copy, f), 'utf8')]),
);
if (![...chunks.values()].some((text) => text.includes('async function run(c, plans, signal)'))) throw new Error('no chunk holds the scorer');
const patched = new Set();
const patch = (from, to) => {
  const file = [...chunks].find(([, text]) => text.includes(from))?.[0];
  if (file === undefined) throw new Error(`anchor not found: ${from.slice(0, 80)}`);
  chunks.set(file, chunks.get(file).replace(from, to));
  patched.add(file);
};
const tick = (k, t) => `__tick(${JSON.stringify(k)}, ${t});`;
const PRELUDE = 'globalThis.__T ??= {}; const __tick = (k, t0) => { globalThis.__T[k] = (globalThis.__T[k] ?? 0n) + (process.hrtime.bigint() - t0); };\n';
patch(
  'const { applicant, limitHistory } = parseDecisionInput(parseApplicant, () => readBatchElement(inputs, index), ledger);',
  `let __p = process.hrtime.bigint(); const { applicant, limitHistory } = parseDecisionInput(parseApplicant, () => readBatchElement(inputs, index), ledger); ${tick('parse', '__p')} __p = process.hrtime.bigint();`,
);
patch('planIndex.push(index);', `${tick('plan (evidence, what-ifs)', '__p')} planIndex.push(index);`);
patch(
  'const { rows, firstRows, failures, nRows: chunkRows } = encodePlans(chunk, encoder);',
  `let __t = process.hrtime.bigint(); const { rows, firstRows, failures, nRows: chunkRows } = encodePlans(chunk, encoder); ${tick('encode', '__t')} __t = process.hrtime.bigint();`,
);
patch(
  'const w = encoder.width;\n      throwIfAborted(signal);',
  `${tick('model (with its event-loop turn)', '__t')} __t = process.hrtime.bigint(); const w = encoder.width;\n      throwIfAborted(signal);`,
);
patch(
  'const uploads = scoreUploads(settled, signal);',
  `${tick('policy (settle)', '__t')} __t = process.hrtime.bigint(); const uploads = scoreUploads(settled, signal); ${tick('upload previews (model)', '__t')} __t = process.hrtime.bigint();`,
);
patch(
  'const { pds: uploadPds, firstRows: uploadRows, failures: uploadFailures } = await uploads;',
  `${tick('TreeSHAP', '__t')} __t = process.hrtime.bigint(); const { pds: uploadPds, firstRows: uploadRows, failures: uploadFailures } = await uploads; ${tick('upload previews (await)', '__t')} __t = process.hrtime.bigint();`,
);
patch('      start = end;\n    }\n    return out;', `      ${tick('finish (audit, seal and the rest)', '__t')}\n      start = end;\n    }\n    return out;`);
patch(
  'const inputHash = personalHash(keys, "input", inputJson);',
  `let __b = process.hrtime.bigint(); const inputHash = personalHash(keys, "input", inputJson); ${tick('  audit: input hash', '__b')} __b = process.hrtime.bigint();`,
);
patch(
  'const subjectHash = personalHash(keys, "subject", subject);',
  `const subjectHash = personalHash(keys, "subject", subject); ${tick('  audit: subject hash', '__b')} __b = process.hrtime.bigint();`,
);
patch(
  'const decisionId = `dec_${personalHash(keys, "decision", idWriter.bytes({ ...rest, hashing, inputHash, subjectHash })).slice(0, 32)}`;',
  'const __id = idWriter.bytes({ ...rest, hashing, inputHash, subjectHash }); __tick("  audit: id writer", __b); __b = process.hrtime.bigint(); const decisionId = `dec_${personalHash(keys, "decision", __id).slice(0, 32)}`; __tick("  audit: id hash", __b);',
);
patch(
  'const { bytes, start, end } = decisionWriter.bytesWith(d, "audit", audit);\n  const contentHash = sha256Hex(bytes);',
  `let __w = process.hrtime.bigint(); const { bytes, start, end } = decisionWriter.bytesWith(d, "audit", audit); ${tick('  seal: canonical JSON writer', '__w')} __w = process.hrtime.bigint(); const contentHash = sha256Hex(bytes); ${tick('  seal: SHA-256', '__w')}`,
);
patch(
  'inputJson: decisionInputJson(ctx, applicant, plan.limitHistory),',
  `inputJson: ((__i) => { const r = decisionInputJson(ctx, applicant, plan.limitHistory); ${tick('  audit: input JSON', '__i')} return r; })(process.hrtime.bigint()),`,
);
for (const file of patched) writeFileSync(file, PRELUDE + chunks.get(file));

const { createScorer } = await import(`${copy}/index.js`);
const { generatePopulation } = await import(`${copy}/train.js`);
const { EXAMPLE_AS_OF } = await import(`${copy}/examples.js`);
const scorer = await createScorer({ suggestionsPerDecision: Number(suggestionsArg) });
const inputs = generatePopulation({ size: mode === 'batch' ? 4096 : 512, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant);
const round = async () => {
  if (mode === 'batch') await scorer.decideBatch(inputs);
  else for (const a of inputs) await scorer.decide(a);
};
for (let i = 0; i < 3; i++) await round();
globalThis.__T = {};
const rounds = Number(roundsArg);
const cpu0 = process.cpuUsage();
const wall0 = process.hrtime.bigint();
for (let i = 0; i < rounds; i++) await round();
const cpu = process.cpuUsage(cpu0);
const n = rounds * inputs.length;
const us = (ns) => (Number(ns) / 1000 / n).toFixed(1).padStart(6);
for (const [k, v] of Object.entries(globalThis.__T)) console.log(`${k.padEnd(36)} ${us(v)} µs`);
console.log(`${`wall, whole ${mode === 'batch' ? 'decideBatch' : 'decide()'}`.padEnd(36)} ${us(process.hrtime.bigint() - wall0)} µs`);
console.log(`${'CPU, all threads'.padEnd(36)} ${((cpu.user + cpu.system) / n).toFixed(1).padStart(6)} µs`);
await scorer.close();
rmSync(join(copy, '..'), { recursive: true, force: true });
