import { StringDecoder } from "node:string_decoder";
import type { MarcRecord } from "@natlibfi/marc-record";
import { RecordError } from "./errors.js";
import { parseMarcXmlRecord } from "./marcxml-parse.js";

export type XmlRead = { record: number; line: number; marc: MarcRecord } | { record: number; line: number; error: RecordError };

const MAX_RECORD_CHARS = 2_000_000;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * Cuts MARCXML into <record> elements (any namespace prefix, the one the file uses) and parses
 * each on its own, so one malformed record does not take the rest with it. Bytes are decoded
 * with a StringDecoder, so a character split across two chunks stays whole; only the current
 * record is held in memory.
 */
export async function* readMarcXml(chunks: AsyncIterable<Buffer>, prefix: string): AsyncGenerator<XmlRead> {
  const p = prefix ? `${escapeRe(prefix)}:` : "";
  const startRe = new RegExp(`<${p}record(?=[\\s>/])`, "g");
  const endRe = new RegExp(`</${p}record\\s*>|<${p}record(?=[\\s/])[^>]*/>`, "g");
  const decoder = new StringDecoder("utf8");
  let text = "";
  let line = 1; // line number of text[0]
  let n = 0;

  const parse = (raw: string, at: number): XmlRead => {
    n += 1;
    if (/^<[^>]*\/>$/.test(raw)) return { record: n, line: at, error: new RecordError("empty <record/> element", "record") };
    try {
      return { record: n, line: at, marc: parseMarcXmlRecord(raw) };
    } catch (err) {
      if (err instanceof RecordError && err.lineInRecord !== undefined) {
        return { record: n, line: at, error: new RecordError(`${err.problem} (line ${at + err.lineInRecord})`, err.field) };
      }
      return { record: n, line: at, error: err instanceof RecordError ? err : new RecordError(`malformed XML: ${(err as Error).message}`, "record") };
    }
  };

  const drain = async function* (final: boolean): AsyncGenerator<XmlRead> {
    for (;;) {
      startRe.lastIndex = 0;
      const start = startRe.exec(text);
      if (!start) {
        // Keep a tail that may hold the beginning of a start tag cut by the chunk boundary.
        const keep = final ? 0 : Math.min(text.length, 64 + p.length);
        line += countLines(text, 0, text.length - keep);
        text = text.slice(text.length - keep);
        return;
      }
      const at = line + countLines(text, 0, start.index);
      endRe.lastIndex = start.index;
      const end = endRe.exec(text);
      // A second record starting before this one ends means this one was never closed.
      startRe.lastIndex = start.index + 1;
      const following = startRe.exec(text);
      if (end && (!following || following.index > end.index)) {
        const stop = end.index + end[0].length;
        yield parse(text.slice(start.index, stop), at);
        line = at + countLines(text, start.index, stop);
        text = text.slice(stop);
        continue;
      }
      if (following || final || text.length - start.index > MAX_RECORD_CHARS) {
        const stop = following ? following.index : text.length;
        n += 1;
        yield { record: n, line: at, error: new RecordError(`<${p}record> is never closed`, "record") };
        line = at + countLines(text, start.index, stop);
        text = text.slice(stop);
        if (!following) return;
        continue;
      }
      // Wait for more input; drop what precedes the record.
      line = at;
      text = text.slice(start.index);
      return;
    }
  };

  for await (const chunk of chunks) {
    text += decoder.write(chunk);
    yield* drain(false);
  }
  text += decoder.end();
  yield* drain(true);
}
