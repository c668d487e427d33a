import { isUtf8 } from "node:buffer";
import { MarcRecord, type MarcField, type MarcSubfield } from "@natlibfi/marc-record";
import { RecordError } from "./errors.js";

const FT = 0x1e; // field terminator
const SF = 0x1f; // subfield delimiter

// A MARC 21 leader: record length, status, type, level, ..., "22", base address, ..., entry map "4500".
export const LEADER_PATTERN = /\d{5}[a-z ][a-z][a-z ][a-z ][a ]22\d{5}[ -~]{3}4500/;

function digits(buf: Buffer, start: number, len: number): number {
  let n = 0;
  for (let i = start; i < start + len; i++) {
    const c = buf[i]! - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

type Span = { tag: string; start: number; end: number }; // end excludes the field terminator

function spansFromDirectory(buf: Buffer, dirStart: number, dirEnd: number, base: number): Span[] | string {
  const spans: Span[] = [];
  for (let p = dirStart; p + 12 <= dirEnd; p += 12) {
    const tag = buf.toString("latin1", p, p + 3);
    const len = digits(buf, p + 3, 4);
    const start = digits(buf, p + 7, 5);
    if (len < 1 || start < 0) return `directory entry ${spans.length + 1} (tag ${JSON.stringify(tag)}) is not numeric`;
    const s = base + start;
    const e = s + len - 1;
    if (e >= buf.length) return `field ${tag} runs past the end of the record`;
    if (buf[e] !== FT) return `field ${tag} does not end where the directory says`;
    spans.push({ tag, start: s, end: e });
  }
  return spans;
}

// Some exporters write lengths in characters instead of bytes; the fields are still terminated, in directory order.
function spansBySeparator(buf: Buffer, dirStart: number, dirEnd: number, base: number): Span[] | string {
  const tags: string[] = [];
  for (let p = dirStart; p + 12 <= dirEnd; p += 12) tags.push(buf.toString("latin1", p, p + 3));
  const spans: Span[] = [];
  let s = base;
  for (const tag of tags) {
    const e = buf.indexOf(FT, s);
    if (e === -1) return `field ${tag} has no field terminator: the record is truncated`;
    spans.push({ tag, start: s, end: e });
    s = e + 1;
  }
  return spans;
}

function dataField(buf: Buffer, span: Span): MarcField {
  const ind1 = span.end > span.start ? String.fromCharCode(buf[span.start]!) : " ";
  const ind2 = span.end > span.start + 1 ? String.fromCharCode(buf[span.start + 1]!) : " ";
  const subfields: MarcSubfield[] = [];
  let p = buf.indexOf(SF, span.start);
  while (p !== -1 && p < span.end) {
    let next = buf.indexOf(SF, p + 1);
    if (next === -1 || next > span.end) next = span.end;
    if (next > p + 1) {
      subfields.push({ code: String.fromCharCode(buf[p + 1]!), value: buf.toString("utf8", p + 2, next) });
    }
    p = next < span.end ? next : -1;
  }
  return { tag: span.tag, ind1: ind1 === "\x1f" ? " " : ind1, ind2: ind2 === "\x1f" ? " " : ind2, subfields };
}

/**
 * Parses one ISO 2709 record (without its 0x1D terminator) byte by byte: offsets are bytes, each
 * subfield is decoded as UTF-8 on its own, so multi-byte characters come through exactly.
 * Throws RecordError naming the part that is broken.
 */
export function parseIso2709(buf: Buffer): MarcRecord {
  if (buf.length < 26) throw new RecordError(`record is only ${buf.length} bytes: truncated`, "leader");
  const leader = buf.toString("latin1", 0, 24);
  const declared = digits(buf, 0, 5);
  const base = digits(buf, 12, 5);
  if (declared < 0 || base < 0 || !/^\d{5}.{7}\d{5}/.test(leader)) {
    throw new RecordError(`leader ${JSON.stringify(leader)} is not a MARC leader (record length and base address must be digits)`, "leader");
  }
  if (!isUtf8(buf)) {
    const problem = leader[9] === "a" ? "record is not valid UTF-8" : "record is in MARC-8 (leader/09 is blank), not UTF-8; export it as UTF-8";
    throw new RecordError(problem, "leader");
  }
  // The directory ends at the first field terminator after the leader; base address should point just past it.
  const dirEnd = buf.indexOf(FT, 24);
  if (dirEnd === -1) throw new RecordError("no end of directory: the record is truncated", "directory");
  if ((dirEnd - 24) % 12 !== 0) throw new RecordError(`directory length ${dirEnd - 24} is not a multiple of 12`, "directory");
  const dataBase = base === dirEnd + 1 ? base : dirEnd + 1;
  let spans = spansFromDirectory(buf, 24, dirEnd, dataBase);
  if (typeof spans === "string") {
    const fallback = spansBySeparator(buf, 24, dirEnd, dataBase);
    if (typeof fallback === "string") throw new RecordError(`${spans}; ${fallback}`, "directory");
    spans = fallback;
  }
  if (spans.length === 0) throw new RecordError("record has no fields", "directory");
  const fields: MarcField[] = spans.map((span) =>
    span.tag.startsWith("00") ? { tag: span.tag, value: buf.toString("utf8", span.start, span.end) } : dataField(buf, span),
  );
  // Built without the library's JSON-schema validation (about 0.7 ms a record): the mapper checks what it uses.
  const record = new MarcRecord();
  record.leader = leader;
  record.fields = fields;
  return record;
}

/** Where a second record starts inside a byte run, when a truncated record swallowed the next one; -1 if none. */
export function findEmbeddedLeader(buf: Buffer, from = 1): number {
  const text = buf.toString("latin1");
  const re = new RegExp(LEADER_PATTERN.source, "g");
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : -1;
}
