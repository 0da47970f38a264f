import { open, type FileHandle } from 'node:fs/promises';

/**
 * An output file written a chunk at a time, each write handed to the kernel before it resolves:
 * the producer removes a chunk's job from Redis only after that, so a producer killed at any point
 * finds every line it let go of in the file.
 */
export interface ChunkFile {
  /** Appends the text; resolves once the operating system has it. */
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens `path` to append to (`append`), or creates or empties it. */
export async function openChunkFile(path: string, append: boolean): Promise<ChunkFile> {
  const handle: FileHandle = await open(path, append ? 'a' : 'w');
  let closed = false;
  return {
    async write(text) {
      if (text !== '') await handle.writeFile(text, 'utf8');
    },
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}
