import { protectedModelCategories } from '../../model/protectedModelCategories.js';
import { PROTECTED_CHARACTERISTICS, protectedCharacteristicOf } from '../../text/protectedCharacteristic.js';
import { socialMediaTermOf } from '../../text/socialMediaName.js';
import { markdownCode } from './markdownText.js';
import type { ModelFolder } from './modelFolder.js';
import { unknownFact } from './unknownFact.js';

/**
 * The card's statements on protected characteristics and banned data: what the engine refuses, the
 * same rules read again over this model's feature names (a fact of the names, whoever trained the
 * model), and what the rules cannot see.
 */
export function protectedDataSection(folder: ModelFolder): string[] {
  // Social-media data is banned by some profiles only: the training report records which one train checked under.
  const names = folder.manifest.features.map((f) => f.name);
  const protectedHits = names.flatMap((name) => {
    const c = protectedCharacteristicOf(name);
    return c === null ? [] : [`${markdownCode(name)} reads as ${c.replace(/_/g, ' ')}`];
  });
  const socialHits = names.flatMap((name) => {
    const term = socialMediaTermOf(name);
    return term === null ? [] : [`${markdownCode(name)} (by ${markdownCode(term)})`];
  });
  const categoryHits = protectedModelCategories(folder.manifest).map(
    (c) => `${markdownCode(c.feature)} codes ${markdownCode(c.category)} (${c.characteristic.replace(/_/g, ' ')})`,
  );
  const characteristics = PROTECTED_CHARACTERISTICS.map((c) => c.replace(/_/g, ' ')).join(', ');
  return [
    '## Protected characteristics and banned data',
    '',
    '- `creditlift train` refuses a data column whose name reads as a protected characteristic, however it is written',
    '  (`sex_male`, `isfemale`, `blood_group`, `婚否`), unless `--exclude` leaves it out; `model import` refuses such an input.',
    '  The characteristics:',
    `  ${characteristics}.`,
    "  They cover the data China's credit-reporting regulation (Art. 14) bans: religion, genes, fingerprints, blood type,",
    '  disease and medical history.',
    `- Read again over this model's ${names.length} feature names by the same rule: ${
      protectedHits.length === 0
        ? 'none reads as a protected characteristic.'
        : `**${protectedHits.join('; ')}**: loadModel and createScorer refuse this model (\`protected_characteristic\`); retrain without ${protectedHits.length === 1 ? 'it' : 'them'}.`
    }`,
    `- Read again over this model's category values by the category rule: ${
      categoryHits.length === 0
        ? 'none names a protected group.'
        : `**${categoryHits.join(', ')}**: loadModel and createScorer refuse this model (\`protected_characteristic\`); retrain without them.`
    }`,
    ...bannedDataLines(folder, protectedHits.length + socialHits.length === 0),
    `  Read by the engine's rule for social-media names: ${
      socialHits.length === 0 ? 'no feature is named for social-media data.' : `**${socialHits.join(', ')}** read as social-media data.`
    }`,
    '- These rules read names and category values, not numbers: a numeric column under a neutral name that codes a protected',
    '  characteristic, or a proxy for one (region, age, occupation), is not caught. Training measures no outcome by group: compare approval',
    '  rates by group with `creditlift simulate` or `creditlift monitor` (fair outcomes) before use.',
    '',
  ];
}

/** Under which jurisdiction profile `train` checked the columns for banned data, and what that check covers. */
function bannedDataLines(folder: ModelFolder, noneRead: boolean): string[] {
  const rules = folder.report?.dataRules;
  if (rules === undefined) return [`- Banned data: the jurisdiction profile \`train\` checked the columns under is ${unknownFact(folder)}.`];
  const id = markdownCode(rules.jurisdiction);
  if (!rules.bannedDataCategories.includes('social_media'))
    return [
      `- Banned data: checked under ${id}, which does not ban social-media data: a column named for it is not refused`,
      '  (EU Directive 2023/2225 bans it for creditworthiness: `train --jurisdiction eu-ccd2` refuses such columns).',
    ];
  const banned = rules.bannedDataCategories.map((c) => c.replace(/_/g, ' ')).join(', ');
  return [
    `- Banned data: checked under ${id}, which bans ${banned}: \`train\` refused every column whose name reads as one of them (${
      noneRead ? 'done: no feature of this model does' : 'yet a feature of this model does, named above and below'
    }).`,
  ];
}
