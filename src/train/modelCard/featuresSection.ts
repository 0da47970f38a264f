import { featureDefinitionsByName } from '../../features/featureDefinitions.js';
import { featureMismatches } from '../../features/featureEncoder.js';
import type { ManifestFeature } from '../../model/manifest.js';
import { cardDirection, cardNumber, cardPercent } from './cardNumbers.js';
import { markdownCode, markdownText } from './markdownText.js';
import type { ModelFolder } from './modelFolder.js';
import { CREDITLIFT_TRAINER, IMPORTED_TRAINER, trainerOf } from './trainerOf.js';

/**
 * The card's features section: every input in the model's order with its type (categories in code
 * order), monotone constraint, training range, missing share and source, and what the engine
 * does with the constraints.
 */
export function featuresSection(folder: ModelFolder): string[] {
  const { features } = folder.manifest;
  const constrained = features.filter((f) => f.monotone !== 0).length;
  const lines = ['## Features', ''];
  const trainer = trainerOf(folder.manifest);
  lines.push(
    'Each feature is the input column of that name, which `creditlift predict` reads by name. Where the name is one of',
    "creditlift's built-in features, the scorer computes it from the applicant fields named, as `creditlift featurize`",
    'writes it (the data holds that meaning only if `featurize` wrote it).',
    trainer === CREDITLIFT_TRAINER
      ? 'Training range and missing share are over the rows the final model learned on; a categorical range is of category codes.'
      : trainer === IMPORTED_TRAINER
        ? 'Training range and missing share are as the import spec gave them, or drawn from the background sample given to `model import`.'
        : 'Training range and missing share are as the manifest records them; how they were drawn is not recorded.',
    '',
    `${constrained} of ${features.length} features carry a monotone constraint. \`loadModel\` (and so every scorer and \`predict\`) verifies`,
    'each declared direction against the trees and refuses a model that breaks one.',
    '',
    '| # | feature | type | monotone | training range | missing | source |',
    '|---|---|---|---|---|---|---|',
  );
  features.forEach((f, j) => {
    const range = f.trainingRange === undefined ? 'not recorded' : `${cardNumber(f.trainingRange.min, 2)} to ${cardNumber(f.trainingRange.max, 2)}`;
    const missing = f.missingShare === undefined ? 'not recorded' : cardPercent(f.missingShare);
    lines.push(`| ${j} | ${markdownCode(f.name, true)} | ${typeOf(f)} | ${cardDirection(f.monotone)} | ${range} | ${missing} | ${sourceOf(f)} |`);
  });
  lines.push('');
  return lines;
}

function typeOf(f: ManifestFeature): string {
  if (f.kind === 'numeric') return 'numeric';
  const categories = f.categories ?? [];
  return `categorical, ${categories.length} categories in code order: ${categories.map((c) => markdownCode(c, true)).join(', ')}`;
}

function sourceOf(f: ManifestFeature): string {
  const parts: string[] = [];
  const builtIn = featureDefinitionsByName.get(f.name);
  if (f.description !== undefined && f.description !== builtIn?.description) parts.push(`described as "${markdownText(f.description)}"`);
  if (builtIn !== undefined) {
    const from = builtIn.sources.length === 0 ? '' : `, from ${builtIn.sources.map((s) => markdownCode(s, true)).join(', ')}`;
    // Whether the scorer computes the built-in feature for this column is the scorer's own check
    // (featureMismatches): a model codes categories in its own order and may code only some of the
    // feature's (a book without students); another kind, or a category the feature never produces,
    // makes the column another one.
    const mismatch = featureMismatches({ features: [f] }).find((m) => m.code !== 'monotone_mismatch');
    if (mismatch?.code === 'kind_mismatch')
      parts.push(`the data's own column: the built-in feature of this name is ${builtIn.kind}, so it is not what this column holds`);
    else {
      const builtInCategories = builtIn.categories ?? [];
      const coded = new Set(f.categories ?? []);
      const foreign = (f.categories ?? []).filter((c) => !builtInCategories.includes(c));
      const unlearned = builtInCategories.filter((c) => !coded.has(c));
      if (mismatch !== undefined)
        parts.push(
          `the data's own column: the built-in feature of this name is of other categories (it never produces ${foreign.map((c) => markdownCode(c, true)).join(', ')}), so it is not what this column holds`,
        );
      else
        parts.push(
          `built-in: ${markdownText(builtIn.description)} (${markdownText(builtIn.unit)})${from}${
            f.kind === 'categorical' && unlearned.length > 0
              ? `; built-in categories the model never learned, scored as missing: ${unlearned.map((c) => markdownCode(c, true)).join(', ')}`
              : ''
          }`,
        );
    }
  }
  return parts.length === 0 ? "the data's own column" : parts.join('; ');
}
