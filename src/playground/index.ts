/**
 * `creditlift playground`: a local web page over the library's public API.
 * @packageDocumentation
 */
export { servePlayground, type Playground, type PlaygroundOptions } from './servePlayground.js';
export {
  playgroundSetup,
  playgroundDecide,
  playgroundCertificate,
  type PlaygroundSetup,
  type PlaygroundDecision,
  type PlaygroundError,
} from './playgroundApi.js';
export type { ConfigurationInUse } from './configurationInUse.js';
export type { LeftOutCertificate, LeftOutReason, PlaygroundExample } from './examplesUnderCatalog.js';
