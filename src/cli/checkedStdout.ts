/**
 * Standard output as the command line writes it, with its first failure kept. A write to a full
 * disk (ENOSPC), to `/dev/full` or to a closed pipe (EPIPE) fails after `write` has returned: Node
 * reports it on the stream a tick later, and with no listener the process ended 0 before it arrived,
 * so `creditlift decide a.json > d.json` on a full disk left 8,192 of 10,038 bytes and exited 0.
 */
export interface CheckedStdout {
  /** Writes `text` (nothing more once a write has failed: the output is lost from there on). */
  readonly write: (text: string) => void;
  /**
   * Resolves once what was written has been handed to the operating system: to the first write
   * failure, or undefined when every write went through.
   */
  settled(): Promise<Error | undefined>;
}

/** Watches `stream` (default: `process.stdout`) for write failures; see {@link CheckedStdout}. */
export function checkStdout(stream: NodeJS.WritableStream & { readonly destroyed: boolean; readonly writableLength: number } = process.stdout): CheckedStdout {
  let failure: Error | undefined;
  const fail = (e: Error | null | undefined) => {
    if (e && failure === undefined) failure = e;
  };
  // A listener, so a failed write is kept here instead of ending the process mid-command.
  stream.on('error', fail);
  return {
    write(text) {
      if (failure === undefined && !stream.destroyed) stream.write(text, fail);
    },
    async settled() {
      if (!stream.destroyed && stream.writableLength > 0) await new Promise<void>((resolve) => stream.write('', () => resolve()));
      // Failures are reported a tick after the write that met them.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (failure === undefined && stream.destroyed) failure = new Error('standard output was closed');
      return failure;
    },
  };
}

/** The line the command line prints when `command`'s output could not all be written to standard output. */
export function stdoutFailureMessage(command: string | undefined, failure: Error): string {
  const what = command === undefined ? 'the usage text' : `the output of "creditlift ${command}"`;
  return `error: ${what} could not be written to standard output (${failure.message}); what reached it is incomplete\n`;
}
