// CPU time of createScorer() on a model this process already loaded and verified, on the built
// package: `npm run build && node bench/profile/createScorerRepeat.mjs [rounds] [distDir]` (distDir:
// another build's dist/, e.g. a copy made before a change, to compare the two). The first scorer
// (cold: onnxruntime loaded, the model verified and compiled for the first time) is reported
// apart; then `rounds` scorers (default 30) are created and closed one after the other from the
// same bytes, and the median and quartiles of their wall and CPU times printed.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

import { pathToFileURL } from 'node:url';

const dist = process.argv[3] === undefined ? new URL('../../dist/', import.meta.url) : pathToFileURL(`${process.argv[3]}/`);
const { createScorer, defaultModelPath } = await import(new URL('index.js', dist).href);
const rounds = Number(process.argv[2] ?? 30);
const bytes = new Uint8Array(readFileSync(defaultModelPath()));

const cpuMs = (u) => (u.user + u.system) / 1000;
async function once() {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const scorer = await createScorer({ model: bytes });
  const wall = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(c0));
  await scorer.close();
  return { wall, cpu };
}
const cold = await once();
const samples = [];
for (let i = 0; i < rounds; i++) samples.push(await once());
const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const show = (name) => {
  const xs = samples.map((s) => s[name]);
  return `median ${q(xs, 0.5).toFixed(1)} ms (q1 ${q(xs, 0.25).toFixed(1)}, q3 ${q(xs, 0.75).toFixed(1)})`;
};
console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? '?'}`);
console.log(`first createScorer: wall ${cold.wall.toFixed(1)} ms, CPU ${cold.cpu.toFixed(1)} ms`);
console.log(`next ${rounds}: wall ${show('wall')}; CPU ${show('cpu')}`);
