import { typeNameOf } from '../errors/argumentIssues.js';
import { ValidationError } from '../errors/validationError.js';

/**
 * A piece of an example's one-line story: plain text, or a phrase that is true only while the
 * applicant holds the certificates at `evidence` (their places in `applicant.evidence`), with what
 * the story says instead when one of them is not held (`otherwise`, default nothing).
 */
export type StoryPart = string | { readonly evidence: readonly number[]; readonly text: string; readonly otherwise?: string };

/**
 * The story `parts` tell of an applicant holding the certificates `holds` says they hold: a phrase
 * about a certificate they do not hold is left out (or replaced by its `otherwise`), so the story
 * never claims a certificate the applicant shown lacks.
 *
 * @param holds whether the certificate at that place in the example's `applicant.evidence` is held
 * @example
 * exampleStory(exampleFor('new_graduate'), (i) => i !== 0);
 * // 'Graduated in 2025, first office job for a year, a school scholarship on file, no bureau file yet.'
 * @throws ValidationError (subject `exampleStory`) naming `example.storyParts` when they are not story
 *   parts, and `holds` when it is not a function or answers anything but true or false
 */
export function exampleStory(example: { readonly storyParts: readonly StoryPart[] }, holds: (index: number) => boolean): string {
  const parts = (example as { storyParts?: unknown } | null | undefined)?.storyParts;
  if (!Array.isArray(parts) || !parts.every(isStoryPart))
    throw new ValidationError('exampleStory', [
      {
        path: ['example', 'storyParts'],
        code: 'invalid_type',
        message: 'example.storyParts must be story parts (see ExampleApplicant)',
        received: typeNameOf(parts),
      },
    ]);
  if (typeof holds !== 'function')
    throw new ValidationError('exampleStory', [
      { path: ['holds'], code: 'invalid_type', message: 'holds must be a function of an evidence index', received: typeNameOf(holds) },
    ]);
  const held = (i: number): boolean => {
    const answer: unknown = holds(i);
    // Read as given, never as truthy: "no" from a careless callback would keep a certificate.
    if (typeof answer !== 'boolean')
      throw new ValidationError('exampleStory', [
        { path: ['holds'], code: 'invalid_type', message: `holds(${i}) must answer true or false`, received: typeNameOf(answer) },
      ]);
    return answer;
  };
  return parts.map((p: StoryPart) => (typeof p === 'string' ? p : p.evidence.every(held) ? p.text : (p.otherwise ?? ''))).join('');
}

function isStoryPart(p: unknown): p is StoryPart {
  if (typeof p === 'string') return true;
  if (typeof p !== 'object' || p === null) return false;
  const { evidence, text, otherwise } = p as Record<string, unknown>;
  return (
    Array.isArray(evidence) &&
    evidence.every((i) => Number.isSafeInteger(i) && (i as number) >= 0) &&
    typeof text === 'string' &&
    (otherwise === undefined || typeof otherwise === 'string')
  );
}
