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
