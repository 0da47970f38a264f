import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** An append-only text file written as lines arrive, honouring back-pressure. */
export interface LineSink {
  /** Writes text; resolves once the stream can take more. */
  write(text: string): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/** Opens `path` for writing lines: appended to when `append`, else created or emptied. */
export async function openLineSink(path: string, append: boolean): Promise<LineSink> {
  const stream: WriteStream = createWriteStream(path, { flags: append ? 'a' : 'w', encoding: 'utf8' });
  let failure: Error | undefined;
  stream.on('error', (e) => {
    failure = e;
  });
  await Promise.race([once(stream, 'open'), once(stream, 'error').then(([e]) => Promise.reject(e as Error))]);
  return {
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), once(stream, 'error').then(([e]) => Promise.reject(e as Error))]);
    },
    async close() {
      if (failure) throw failure;
      await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    },
  };
}
