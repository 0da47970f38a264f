// Shared by the pool comparisons (poolGcFlags.mjs, poolOfBuilds.mjs): pools warmed up, then measured
// in turns, a round each before the next round of any, so drift on a shared machine falls on all of
// them. A round is two decideBatch calls of the inputs, timed by wall clock.

/** Warms a pool up (two calls) and returns its entry for {@link alternateRounds}. */
export async function warmedPool(pool, inputs) {
  await pool.decideBatch(inputs);
  await pool.decideBatch(inputs);
  return { pool, perSecond: [] };
}

/** Runs `rounds` rounds over the entries in turn, pushing each round's decisions per second to its entry. */
export async function alternateRounds(entries, inputs, rounds) {
  for (let r = 0; r < rounds; r++) {
    for (const entry of entries) {
      const t0 = process.hrtime.bigint();
      await entry.pool.decideBatch(inputs);
      await entry.pool.decideBatch(inputs);
      entry.perSecond.push((2 * inputs.length) / (Number(process.hrtime.bigint() - t0) / 1e9));
    }
  }
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
