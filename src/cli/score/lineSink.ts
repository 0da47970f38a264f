import { createWriteStream, type WriteStream } from 'node:fs';
import { namingFile } from '../namingFile.js';

/** An append-only text file written as lines arrive, honouring back-pressure. */
export interface LineSink {
  /** Writes text; resolves once the stream can take more. */
  write(text: string): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/**
 * Opens `path` for writing lines: appended to when `append`, else created or emptied. `name` is how
 * its errors name it (`--out /dev/full`: the option too, so the user knows which file failed).
 */
export async function openLineSink(path: string, append: boolean, name = path): Promise<LineSink> {
  const stream: WriteStream = createWriteStream(path, { flags: append ? 'a' : 'w', encoding: 'utf8' });
  let failure: Error | undefined;
  stream.on('error', (e) => {
    failure = namingFile(name, e);
  });
  await nextEvent(stream, 'open').catch((e: unknown) => {
    throw namingFile(name, e);
  });
  return {
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text))
        await nextEvent(stream, 'drain').catch((e: unknown) => {
          throw namingFile(name, e);
        });
    },
    async close() {
      if (failure) throw failure;
      await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(namingFile(name, e)) : resolve())));
    },
  };
}

/** Resolves on the stream's next `event`, rejects on its next error; leaves no listener behind either way. */
function nextEvent(stream: WriteStream, event: 'open' | 'drain'): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onEvent = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (e: Error) => {
      stream.off(event, onEvent);
      reject(e);
    };
    stream.once(event, onEvent);
    stream.once('error', onError);
  });
}
