/**
 * `creditlift/examples`: realistic example applicants for demos, documentation and tests.
 * @packageDocumentation
 */
export {
  EXAMPLE_AS_OF,
  exampleApplicants,
  exampleFor,
  exampleUploadStep,
  type ExampleApplicant,
  type ExampleSegment,
  type ExampleUpload,
  type ExampleUploadStep,
} from './exampleApplicants.js';
export { exampleStory, type StoryPart } from './exampleStory.js';
