// Summarises a V8 .cpuprofile (from `node --cpu-prof`) as self time by function, for the notes in
// RESULTS.md: `npx tsx bench/profile/summarizeCpuProfile.ts <file.cpuprofile> [top=25] [--by-file]`.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time per function (name and file), or per file with `byFile`, largest first, with its share of all samples. */
export function selfTimeByFunction(profile: CpuProfile, byFile = false): { fn: string; ms: number; share: number }[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const frame = byNode.get(id)?.callFrame;
    // Line numbers are left out: under tsx they point into the transformed code.
    const file = frame === undefined || frame.url === '' ? '' : relative(process.cwd(), frame.url.replace(/^file:\/\//, ''));
    const key = byFile ? file || `(${frame?.functionName || 'native'})` : `${frame?.functionName || '(anonymous)'}${file === '' ? '' : ` ${file}`}`;
    totals.set(key, (totals.get(key) ?? 0) + dt);
    all += dt;
  });
  return [...totals.entries()].map(([fn, us]) => ({ fn, ms: us / 1000, share: us / all })).sort((a, b) => b.ms - a.ms);
}

const [file, top = '25'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (file !== undefined) {
  const rows = selfTimeByFunction(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, process.argv.includes('--by-file')).slice(0, Number(top));
  for (const r of rows) console.log(`${(r.share * 100).toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(7)} ms  ${r.fn}`);
}
