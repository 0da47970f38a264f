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
 */
export function exampleStory(example: { readonly storyParts: readonly StoryPart[] }, holds: (index: number) => boolean): string {
  return example.storyParts.map((p) => (typeof p === 'string' ? p : p.evidence.every(holds) ? p.text : (p.otherwise ?? ''))).join('');
}
