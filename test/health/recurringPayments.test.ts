import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectRecurring, type TransactionInput } from '../../src/health/index.js';
import { buy } from './arbitraries.js';

describe('detectRecurring', () => {
  it('finds a monthly subscription whose billing day moves with month length', () => {
    const txs = ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30'].map((d, i) => buy(`v${i}`, d, 2_500, 'iQIYI VIP', 'entertainment'));
    const [r, ...rest] = detectRecurring({ transactions: txs, asOf: '2024-05-10' });
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      merchant: 'iQIYI VIP',
      cadence: 'monthly',
      occurrences: 4,
      typicalAmount: 2_500,
      firstDate: '2024-01-31',
      lastDate: '2024-04-30',
      nextExpectedDate: '2024-05-30',
      monthlyCost: 2_500,
      active: true,
      transactionIds: ['v0', 'v1', 'v2', 'v3'],
    });
    expect(r!.message).toEqual({
      en: 'iQIYI VIP looks like a monthly payment of about ¥25.00, seen 4 times (last on 2024-04-30); about ¥25.00 a month.',
      zhHans: 'iQIYI VIP疑似每月固定支出，每次约¥25.00，已出现4次（最近一次2024-04-30），约合每月¥25.00。',
    });
  });

  it('finds a weekly payment with amounts inside the tolerance and prices it per month', () => {
    const txs = [4_000, 4_200, 3_900, 4_100].map((a, i) => buy(`g${i}`, `2024-05-${String(1 + 7 * i).padStart(2, '0')}`, a, '盒马', 'groceries'));
    const [r] = detectRecurring({ transactions: txs, asOf: '2024-05-25' });
    expect(r).toMatchObject({
      cadence: 'weekly',
      occurrences: 4,
      typicalAmount: 4_000,
      monthlyCost: Math.round((4_000 * 52) / 12),
      nextExpectedDate: '2024-05-29',
    });
  });

  it('needs three occurrences, similar amounts and a steady cadence', () => {
    const two = ['2024-03-05', '2024-04-05'].map((d, i) => buy(`a${i}`, d, 9_900, 'Gym'));
    const varied = ['2024-02-05', '2024-03-05', '2024-04-05'].map((d, i) => buy(`b${i}`, d, [9_900, 15_000, 30_000][i]!, 'Bistro'));
    const irregular = ['2024-02-05', '2024-02-19', '2024-04-05'].map((d, i) => buy(`c${i}`, d, 9_900, 'Clinic'));
    expect(detectRecurring({ transactions: [...two, ...varied, ...irregular], asOf: '2024-05-01' })).toEqual([]);
    expect(detectRecurring({ transactions: two, asOf: '2024-05-01', minOccurrences: 2 })).toHaveLength(1);
  });

  it('ignores refunds, future transactions, and a habit that only looks monthly', () => {
    const rent = ['2024-02-01', '2024-03-01', '2024-04-01'].map((d, i) => buy(`r${i}`, d, 150_000, 'Landlord', 'housing'));
    const refunds: TransactionInput[] = ['2024-02-10', '2024-03-10', '2024-04-10'].map((d, i) => ({ ...buy(`x${i}`, d, 1_000, 'Shop'), kind: 'refund' }));
    const future = ['2024-06-01', '2024-07-01', '2024-08-01'].map((d, i) => buy(`f${i}`, d, 500, 'Future'));
    // The same 28 RMB lunch on the 15th of each month, among lunches there every other day.
    const lunches = Array.from({ length: 45 }, (_, i) =>
      buy(
        `l${i}`,
        `2024-0${2 + Math.floor(i / 15)}-${String(1 + (i % 15) * 2).padStart(2, '0')}`,
        i % 15 === 7 ? 2_800 : 1_500 + (i % 5) * 1_000,
        'KFC',
        'food',
      ),
    );
    const found = detectRecurring({ transactions: [...rent, ...refunds, ...future, ...lunches], asOf: '2024-05-01' });
    expect(found.map((r) => [r.merchant, r.active])).toEqual([['Landlord', true]]);
  });

  it('keeps two subscriptions of one merchant apart by amount', () => {
    const txs = ['2024-02-03', '2024-03-03', '2024-04-03'].flatMap((d, i) => [
      buy(`s${i}`, d, 1_200, 'Apple'),
      buy(`b${i}`, d.replace(/03$/, '10'), 6_800, 'Apple'),
    ]);
    expect(detectRecurring({ transactions: txs, asOf: '2024-04-20' }).map((r) => r.typicalAmount)).toEqual([6_800, 1_200]);
  });

  it('marks a payment that stopped as inactive', () => {
    const txs = ['2024-01-05', '2024-02-05', '2024-03-05'].map((d, i) => buy(`v${i}`, d, 2_500, 'Cloud'));
    expect(detectRecurring({ transactions: txs, asOf: '2024-06-01' })[0]!.active).toBe(false);
  });

  it('law: detection is deterministic and independent of transaction order', () => {
    const tx = fc.record({
      day: fc.integer({ min: 0, max: 150 }),
      amount: fc.constantFrom(990, 1_000, 1_050, 2_500, 4_000),
      merchant: fc.constantFrom('A', 'a ', 'B'),
    });
    fc.assert(
      fc.property(
        fc.array(tx, { maxLength: 40 }).chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc.shuffledSubarray(
              list.map((_, i) => i),
              { minLength: list.length, maxLength: list.length },
            ),
          ),
        ),
        ([list, order]) => {
          const txs = list.map((t, i) => buy(`t${i}`, new Date(Date.UTC(2024, 0, 1 + t.day)).toISOString().slice(0, 10), t.amount, t.merchant));
          const shuffled = order.map((i) => txs[i]!);
          expect(detectRecurring({ transactions: shuffled, asOf: '2024-06-30' })).toEqual(detectRecurring({ transactions: txs, asOf: '2024-06-30' }));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('findings11 F6: zero tolerances on one merchant are not a quadratic slow path (20,000 transactions well under 10 s; 25-35 s before)', {
    timeout: 60_000,
  }, () => {
    const txs: TransactionInput[] = [];
    const day = (n: number): string => new Date(Date.UTC(2000, 0, 1 + n)).toISOString().slice(0, 10);
    for (let i = 0; i < 10_000; i++) {
      txs.push(buy(`a${i}`, day(i % 3000), 1000 + i, 'Gym'));
      txs.push(buy(`b${i}`, day((i % 3000) + 30), 1000 + i, 'Gym'));
    }
    const t = performance.now();
    detectRecurring({ transactions: txs, asOf: '2030-01-01', tolerancePercent: 0, toleranceFen: 0, minOccurrences: 2 });
    expect(performance.now() - t).toBeLessThan(10_000);
  });

  it('law: no payment found is a habit: the merchant was paid at most twice per occurrence between its first and last day', () => {
    const tx = fc.record({ day: fc.integer({ min: 0, max: 120 }), amount: fc.constantFrom(1_000, 1_000, 2_500), merchant: fc.constantFrom('A', 'B') });
    fc.assert(
      fc.property(fc.array(tx, { maxLength: 60 }), fc.integer({ min: 2, max: 4 }), (list, minOccurrences) => {
        const txs = list.map((t, i) => buy(`t${i}`, new Date(Date.UTC(2024, 0, 1 + t.day)).toISOString().slice(0, 10), t.amount, t.merchant));
        for (const p of detectRecurring({ transactions: txs, asOf: '2024-06-30', tolerancePercent: 0, toleranceFen: 0, minOccurrences })) {
          const paid = txs.filter((t) => t.merchant.toLowerCase() === p.key && t.time.slice(0, 10) >= p.firstDate && t.time.slice(0, 10) <= p.lastDate).length;
          expect(paid).toBeLessThanOrEqual(2 * p.occurrences);
        }
      }),
      { numRuns: 200 },
    );
  });
});
