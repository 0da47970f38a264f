// createHash against Node's one-shot crypto.hash (Node 20.12+), 100,000 calls after a warm-up:
// `node bench/profile/sha256OneShot.mjs`. A decision hashes a 6.5 KB canonical JSON and three short
// tagged strings.
import crypto, { createHash } from 'node:crypto';

const big = new Uint8Array(6500).fill(65);
const tag = 'creditlift/subject\u0000';
const small = tag + 'a'.repeat(64);
const time = (name, f) => {
  for (let i = 0; i < 20_000; i++) f();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 100_000; i++) f();
  console.log(`${name.padEnd(34)} ${(Number(process.hrtime.bigint() - t0) / 100_000).toFixed(0)} ns`);
};
time('createHash, 6.5 KB', () => createHash('sha256').update(big).digest('hex'));
time('crypto.hash, 6.5 KB', () => crypto.hash('sha256', big));
time('createHash, tag + 64 chars (2 updates)', () => createHash('sha256').update(tag).update('a'.repeat(64)).digest('hex'));
time('crypto.hash, tag + 64 chars', () => crypto.hash('sha256', small));
