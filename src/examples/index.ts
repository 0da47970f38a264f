/**
 * `creditlift/examples`: realistic example applicants for demos, documentation and tests.
 * @packageDocumentation
 */
export { EXAMPLE_AS_OF, exampleApplicants, exampleFor, type ExampleApplicant, type ExampleSegment } from './exampleApplicants.js';
