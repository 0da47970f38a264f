// A steady decideBatch load to profile: `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile/profileDecideBatch.ts [suggestions=0] [rounds=20]`.
import { createScorer } from '../../src/decision/createScorer.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { benchWorkload } from '../benchWorkload.js';

const suggestions = Number(process.argv[2] ?? 0);
const rounds = Number(process.argv[3] ?? 20);
const w = await benchWorkload(defaultModelPath(), 4096);
const scorer = await createScorer({ model: w.modelPath, suggestionsPerDecision: suggestions });
for (let i = 0; i < rounds; i++) await scorer.decideBatch(w.applicants);
await scorer.close();
