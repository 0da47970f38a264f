// The fast-check seed of a deep test file: FC_SEED when set, else a fresh one, printed before any
// property runs. fast-check prints the seed of a failure, but not when the process dies first (a V8
// out-of-memory in a deep fork once took its seed with it); printed up front, every run can be replayed.
export function deepSeed(file: string): number {
  const seed = process.env.FC_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FC_SEED);
  console.log(`${file}: fast-check seed ${seed} (replay with FC_SEED=${seed})`);
  return seed;
}
