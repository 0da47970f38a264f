/**
 * A `score` run refused before it writes anything: the output is held by another run, or
 * `--resume` was asked to continue a run with a different input, model or policy. The CLI prints
 * the message and exits 2, as for a wrong command line.
 */
export class RunRefusedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RunRefusedError';
  }
}
