/**
 * Round tick values from 0 (or `min`) to at least `max`: steps of 1, 2 or 5 times a power of ten,
 * about `count` of them. The last tick is >= max, so it can serve as the axis end.
 */
export function niceTicks(max: number, count = 5, min = 0): number[] {
  if (!(max > min) || !Number.isFinite(max - min)) return [min, min + 1];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  const start = Math.floor(min / step) * step;
  for (let k = 0; ; k++) {
    // Multiply rather than accumulate so 0.1 + 0.2 style drift never shows in labels.
    const t = Number((start + k * step).toPrecision(12));
    ticks.push(t);
    if (t >= max) break;
  }
  return ticks;
}
