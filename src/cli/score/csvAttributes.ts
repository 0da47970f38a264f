import type { z } from 'zod';
import { loadFeatureSetModule } from '../../features/loadFeatureSetModule.js';

/**
 * The lender's attribute schema a CSV book is read by: its `attributes.<name>` columns then read as
 * the types the `--features` module declares (a number as a number), as the deciders will validate
 * them. Undefined for NDJSON (JSON carries its own types) or without a module.
 *
 * @throws ValidationError naming the module when it cannot be loaded (see loadFeatureSetModule)
 */
export async function csvAttributesOf(format: 'csv' | 'ndjson', featuresModule: string | undefined): Promise<z.ZodType | undefined> {
  if (format !== 'csv' || featuresModule === undefined) return undefined;
  return (await loadFeatureSetModule(featuresModule)).features.attributes;
}
