import { truncateForMessage } from '../errors/truncateForMessage.js';
import type { ProtectedNameIssue } from '../text/protectedCharacteristic.js';
import { protectedValueOf } from '../text/protectedValue.js';

/**
 * The protected-value rule of a levelled kind's levels, at `scale.levels.<i>.<id | names.en |
 * names.zhHans>`: a level is a value an upload takes (the certificate features the model reads are
 * valued by it) and its names are shown to the customer in what-if suggestions, so one naming the
 * group a person is in (`male`, `Female`, `已婚`, `muslim`) is refused, read as category values are
 * read (src/text/protectedValue.ts: `maternity_nurse`, `M`, `F` pass). A catalog is the lender's own
 * configuration, so it is refused when loaded, never read around per upload.
 */
export function levelValueIssues(spec: {
  readonly id: string;
  readonly scale: {
    readonly type: string;
    readonly levels?: readonly { readonly id: string; readonly names: { readonly en: string; readonly zhHans: string } }[];
  };
}): ProtectedNameIssue[] {
  if (spec.scale.type !== 'levels') return [];
  return (spec.scale.levels ?? []).flatMap((level, i) => {
    const texts = [
      { text: level.id, path: ['id'], where: 'its id' },
      { text: level.names.en, path: ['names', 'en'], where: 'names.en' },
      { text: level.names.zhHans, path: ['names', 'zhHans'], where: 'names.zhHans' },
    ];
    return texts.flatMap(({ text, path, where }) => {
      const found = protectedValueOf(text);
      if (found === null) return [];
      return [
        {
          path: ['scale', 'levels', i, ...path],
          code: 'protected_characteristic' as const,
          message: `certificate kind "${spec.id}" level "${truncateForMessage(level.id)}": ${where} "${truncateForMessage(text)}" names a protected characteristic (${found.characteristic}: "${found.term}"): an upload at this level would be valued by it and its name shown to the customer; rename the level`,
        },
      ];
    });
  });
}
