/**
 * Writes models/default/monitorBaseline.json, the baseline `creditlift monitor` compares against
 * by default: `npx tsx scripts/buildMonitorBaseline.ts` (see defaultMonitorBaseline.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultModelPath } from '../src/model/defaultModelPath.js';
import { defaultMonitorBaselineJson } from './defaultMonitorBaseline.js';

const { text, count, features, factors } = await defaultMonitorBaselineJson();
writeFileSync(join(defaultModelPath(), '..', 'monitorBaseline.json'), text);
process.stdout.write(`monitorBaseline.json: ${count} holdout applicants, ${features} features, ${factors} factors\n`);
