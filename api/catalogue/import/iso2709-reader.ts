import type { MarcRecord } from "@natlibfi/marc-record";
import { RecordError } from "./errors.js";
import { findEmbeddedLeader, parseIso2709 } from "./iso2709-parse.js";

const RT = 0x1d; // record terminator

export type MarcRead = { record: number; offset: number; marc: MarcRecord } | { record: number; offset: number; error: RecordError };

function skipWhitespace(buf: Buffer): number {
  let i = 0;
  while (i < buf.length && (buf[i] === 0x0a || buf[i] === 0x0d || buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x00)) i++;
  return i;
}

/**
 * Splits an ISO 2709 byte stream on record terminators and parses each record. Records never
 * span more memory than themselves: a chunk's records are sliced out, only a partial tail is kept.
 */
export async function* readIso2709(chunks: AsyncIterable<Buffer>): AsyncGenerator<MarcRead> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let offset = 0; // byte offset of the start of the pending data
  let n = 0;

  function* emit(raw: Buffer, at: number): Generator<MarcRead> {
    const lead = skipWhitespace(raw);
    let bytes = raw.subarray(lead);
    let start = at + lead;
    while (bytes.length > 0) {
      const declared = /^\d{5}/.test(bytes.toString("latin1", 0, 5)) ? Number(bytes.toString("latin1", 0, 5)) : -1;
      // A record cut short swallows the next one up to its terminator; split where the next leader starts.
      const next = declared !== bytes.length + 1 ? findEmbeddedLeader(bytes, 24) : -1;
      const own = next > 0 ? bytes.subarray(0, next) : bytes;
      n += 1;
      if (next > 0) {
        const problem = declared > 0 ? `record is truncated: ${own.length + 1} of ${declared} bytes before the next record starts (byte ${start})` : `record is broken before the next record starts (byte ${start})`;
        yield { record: n, offset: start, error: new RecordError(problem, "leader") };
      } else {
        try {
          yield { record: n, offset: start, marc: parseIso2709(own) };
        } catch (err) {
          const e = err instanceof RecordError ? err : new RecordError((err as Error).message);
          yield { record: n, offset: start, error: new RecordError(`${e.problem} (byte ${start})`, e.field) };
        }
      }
      start += own.length;
      bytes = bytes.subarray(own.length);
    }
  }

  for await (const chunk of chunks) {
    let from = 0;
    let rt = chunk.indexOf(RT);
    while (rt !== -1) {
      const piece = chunk.subarray(from, rt);
      const raw = pendingLength ? Buffer.concat([...pending, piece]) : piece;
      yield* emit(raw, offset);
      offset += raw.length + 1;
      pending = [];
      pendingLength = 0;
      from = rt + 1;
      rt = chunk.indexOf(RT, from);
    }
    if (from < chunk.length) {
      // Copy: the chunk's buffer may be reused by the stream once we return it.
      const tail = Buffer.from(chunk.subarray(from));
      pending.push(tail);
      pendingLength += tail.length;
      if (pendingLength > 1_000_000) {
        // ISO 2709 caps a record at 99,999 bytes; a megabyte without a terminator is not a record.
        const raw = Buffer.concat(pending);
        n += 1;
        yield { record: n, offset, error: new RecordError(`no record terminator within ${raw.length} bytes (byte ${offset})`, "leader") };
        offset += raw.length;
        pending = [];
        pendingLength = 0;
      }
    }
  }
  if (pendingLength) {
    const raw = Buffer.concat(pending);
    const lead = skipWhitespace(raw);
    if (lead < raw.length) {
      n += 1;
      yield { record: n, offset: offset + lead, error: new RecordError(`the file ends inside a record: truncated (byte ${offset + lead})`, "leader") };
    }
  }
}
