import fs from "node:fs";
import type { Readable } from "node:stream";
import { ImportInputError } from "./errors.js";

export type OpenedInput = {
  /** The file's name for messages and the extension hint; null for a stream. */
  name: string | null;
  totalBytes: number | null;
  head: Buffer;
  /** The whole input from its first byte (the head is replayed), counting bytes as they pass. */
  chunks: AsyncIterable<Buffer>;
  bytesRead(): number;
  close(): void;
};

const HEAD_BYTES = 64 * 1024;

/**
 * Opens a file path or takes a stream, reads its first 64 KB for format detection and hands back
 * an iterable that replays them before the rest; nothing is read twice and nothing is buffered beyond the head.
 */
export async function openInput(input: Readable | string): Promise<OpenedInput> {
  let stream: Readable;
  let name: string | null = null;
  let totalBytes: number | null = null;
  if (typeof input === "string") {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch (err) {
      throw new ImportInputError(`cannot read ${input}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
    }
    if (!st.isFile()) throw new ImportInputError(`${input} is not a file`);
    name = input;
    totalBytes = st.size;
    stream = fs.createReadStream(input, { highWaterMark: 256 * 1024 });
  } else {
    stream = input;
  }
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const asBuffer = (c: Buffer | string) => (typeof c === "string" ? Buffer.from(c, "utf8") : c);
  const headParts: Buffer[] = [];
  let headLength = 0;
  let ended = false;
  try {
    while (headLength < HEAD_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      const b = asBuffer(next.value);
      headParts.push(b);
      headLength += b.length;
    }
  } catch (err) {
    throw new ImportInputError(`cannot read ${name ?? "the input"}: ${(err as Error).message}`);
  }
  const first = Buffer.concat(headParts);
  let bytes = 0;
  const chunks = async function* (): AsyncGenerator<Buffer> {
    bytes += first.length;
    if (first.length) yield first;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const b = asBuffer(next.value);
      bytes += b.length;
      yield b;
    }
  };
  return {
    name,
    totalBytes,
    head: first.subarray(0, HEAD_BYTES),
    chunks: chunks(),
    bytesRead: () => bytes,
    close: () => {
      void iterator.return?.();
      stream.destroy();
    },
  };
}
