// Recurring detection with zero tolerances on one merchant (findings11 health F6): pairs of equal
// amounts 30 days apart, every amount its own cluster. Before the fix each cluster scanned all of the
// merchant's purchases for the "habit" check, quadratic in the history.
// Run: npx tsx bench/health/recurringZeroTolerance.ts 20000 100000
import { detectRecurring, type TransactionInput } from '../../src/health/index.js';

function workload(n: number): TransactionInput[] {
  const txs: TransactionInput[] = [];
  const base = Date.UTC(2000, 0, 1);
  const iso = (d: Date): string => `${d.toISOString().slice(0, 19)}+08:00`;
  for (let i = 0; i < n / 2; i++) {
    const d0 = new Date(base + (i % 3000) * 86_400_000);
    const d1 = new Date(base + ((i % 3000) + 30) * 86_400_000);
    txs.push({ id: `a${i}`, time: iso(d0), amount: 1000 + i, merchant: 'Gym', category: 'health' });
    txs.push({ id: `b${i}`, time: iso(d1), amount: 1000 + i, merchant: 'Gym', category: 'health' });
  }
  return txs;
}

for (const n of process.argv.slice(2).map(Number)) {
  const transactions = workload(n);
  const t = performance.now();
  const found = detectRecurring({ transactions, asOf: '2030-01-01', tolerancePercent: 0, toleranceFen: 0, minOccurrences: 2 });
  console.log(`n ${n}: ${found.length} found, ${Math.round(performance.now() - t)} ms`);
}
