// `node bench/profile/decideBatchSlices.mjs /abs/path/to/dist [suggestions=0]`: does deciding a batch in
// slices save garbage collection? decideBatch of 4,096 seeded applicants whole, and in slices of 256
// and of 512 with every result kept (as one batch keeps them), 7 alternating rounds, process CPU
// (main thread and GC helpers), medians. The build must sit inside this repository.
const D = process.argv[2];
if (!D) throw new Error('pass the absolute path of a built dist/ folder');
const { createScorer } = await import(`${D}/index.js`);
const { generatePopulation } = await import(`${D}/train.js`);
const { EXAMPLE_AS_OF } = await import(`${D}/examples.js`);
const scorer = await createScorer({ suggestionsPerDecision: Number(process.argv[3] ?? 0) });
const inputs = generatePopulation({ size: 4096, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function whole() {
  return scorer.decideBatch(inputs);
}
async function sliced(n) {
  const out = [];
  for (let i = 0; i < inputs.length; i += n) out.push(...(await scorer.decideBatch(inputs.slice(i, i + n))));
  return out;
}
await whole();
await sliced(256);
const res = { whole: [], s256: [], s512: [] };
for (let r = 0; r < 7; r++) {
  for (const [k, f] of [
    ['whole', whole],
    ['s256', () => sliced(256)],
    ['s512', () => sliced(512)],
  ]) {
    const t = cpu();
    const out = await f();
    res[k].push(cpu() - t);
    if (out.length !== 4096) throw new Error('n');
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const k in res) console.log(k, 'median CPU ms per 4096:', med(res[k]).toFixed(0), '-> per CPU-s', ((4096 / med(res[k])) * 1000).toFixed(0));
await scorer.close();
