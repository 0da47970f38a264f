import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

// In a fresh process (this one may have loaded the runtime already): import the root entry, use
// its pure parts, and look for onnxruntime's native library among the process's mapped files.
const script = `
import { readFileSync } from 'node:fs';
const loaded = () => readFileSync('/proc/self/maps', 'utf8').includes('onnxruntime');
const { applyPolicy, parseApplicant, loadModel, defaultModelPath } = await import('./src/index.ts');
const { exampleApplicants } = await import('./src/examples/index.ts');
const r = applyPolicy({ applicant: parseApplicant(exampleApplicants[0].applicant), pd: 0.03 });
const afterImport = loaded();
const model = await loadModel(defaultModelPath());
const afterLoad = loaded();
await model.close();
console.log(JSON.stringify({ outcome: r.outcome, afterImport, afterLoad }));
`;

describe('onnxruntime-node loads lazily', () => {
  it.runIf(process.platform === 'linux')('importing creditlift and applying the policy maps no onnxruntime library; the first loadModel does', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    const seen = JSON.parse(out.trim().split('\n').at(-1) as string) as { outcome: string; afterImport: boolean; afterLoad: boolean };
    expect(seen.outcome).toMatch(/approve|refer|decline/);
    expect(seen.afterImport).toBe(false);
    expect(seen.afterLoad).toBe(true);
  });
});
