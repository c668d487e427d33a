import { isUtf8 } from "node:buffer";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { headerKey, SIMPLE_COLUMNS, SLIMS_COLUMNS, SLIMS_MARKERS } from "./csv-columns.js";
import { NotACatalogueError } from "./errors.js";
import { LEADER_PATTERN } from "./iso2709-parse.js";
import type { FormatOption, ImportFormat } from "./types.js";

export type Detected =
  | { format: "marc" }
  | { format: "marcxml"; prefix: string }
  | { format: "simple-csv"; delimiter: string; header: string[] }
  | { format: "slims-csv"; delimiter: string; header: string[] | null };

const MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], "a PNG image"],
  [[0xff, 0xd8, 0xff], "a JPEG image"],
  [[0x47, 0x49, 0x46, 0x38], "a GIF image"],
  [[0x25, 0x50, 0x44, 0x46], "a PDF document"],
  [[0x50, 0x4b, 0x03, 0x04], "a ZIP archive (an .xlsx/.docx/.ods file is one: save it as CSV first)"],
  [[0x1f, 0x8b], "a gzip archive (unpack it first)"],
  [[0xd0, 0xcf, 0x11, 0xe0], "an old Office document (.xls/.doc: save it as CSV first)"],
  [[0x52, 0x61, 0x72, 0x21], "a RAR archive"],
];

const DELIMITERS = [",", ";", "\t", "|"];

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

function textStart(head: Buffer): number {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  return i;
}

function looksBinary(head: Buffer): boolean {
  let control = 0;
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > n / 100;
}

function detectXml(text: string): Detected | string {
  const field = /<(?:([A-Za-z_][\w.-]*):)?(?:leader|controlfield|datafield)[\s>]/.exec(text);
  if (!field) {
    if (/<html[\s>]|<!doctype html/i.test(text)) return "it is an HTML page";
    return "it is XML but has no MARC <record> with <leader>, <controlfield> or <datafield>";
  }
  const prefix = field[1] ?? "";
  const record = new RegExp(`<${prefix ? `${prefix}:` : ""}record[\\s>]`).exec(text);
  if (!record) return `it is XML with MARC fields but no <${prefix ? `${prefix}:` : ""}record> element`;
  return { format: "marcxml", prefix };
}

function guessDelimiter(firstLine: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

const SLIMS_LIST = /^(?:<[^<>]*>)+$/;

function detectCsv(text: string): Detected | string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = guessDelimiter(firstLine);
  if (!delimiter) return "it is text without MARC structure or CSV columns";
  // Only complete lines: the head may end in the middle of a row.
  const cut = text.lastIndexOf("\n");
  const sample = cut > 0 ? text.slice(0, cut + 1) : text;
  let rows: string[][];
  try {
    rows = parse(sample, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, to_line: 3, bom: true }) as string[][];
  } catch (err) {
    return `it looks like CSV but cannot be read: ${(err as Error).message}`;
  }
  const first = rows[0] ?? [];
  const keys = first.map(headerKey);
  if (keys.includes("title")) {
    const slims = keys.filter((k) => SLIMS_MARKERS.includes(k)).length;
    const simple = keys.filter((k) => (SIMPLE_COLUMNS as readonly string[]).includes(k)).length;
    if (slims >= 2) return { format: "slims-csv", delimiter, header: keys };
    if (simple >= 3) return { format: "simple-csv", delimiter, header: keys };
  }
  // SLiMS exports without "Put columns names in the first row": 18 columns, lists as <a><b>.
  const width = first.length - (first[first.length - 1] === "" ? 1 : 0);
  if (width === SLIMS_COLUMNS.length && first[0]?.trim()) {
    const lists = first.slice(15, 18).map((c) => c.trim());
    if (lists.every((c) => c === "" || SLIMS_LIST.test(c)) && lists.some((c) => c !== "")) {
      return { format: "slims-csv", delimiter, header: null };
    }
  }
  const shown = keys.slice(0, 8).join(", ") + (keys.length > 8 ? ", ..." : "");
  return `its CSV columns are not a catalogue we know (found: ${shown}); expected our simple CSV (${SIMPLE_COLUMNS.slice(0, 4).join(",")},...) or a SLiMS bibliography export`;
}

const FAMILY: Record<ImportFormat, string> = { marc: "MARC (ISO 2709)", marcxml: "MARCXML", "simple-csv": "simple CSV", "slims-csv": "SLiMS CSV" };

function fits(requested: FormatOption, detected: ImportFormat): boolean {
  if (requested === "csv") return detected === "simple-csv" || detected === "slims-csv";
  return requested === detected;
}

/**
 * Decides the format from the first bytes of the input (the extension only sharpens the message)
 * and throws NotACatalogueError when it is none we read, or not the one the caller asked for.
 */
export function detectFormat(head: Buffer, opts: { requested?: FormatOption; name?: string | null } = {}): Detected {
  const ext = opts.name ? path.extname(opts.name).toLowerCase() : "";
  const reject = (reason: string): never => {
    throw new NotACatalogueError(reason, { file: opts.name ? path.basename(opts.name) : undefined });
  };
  const start = textStart(head);
  if (start >= head.length) reject("the file is empty");
  for (const [magic, what] of MAGIC) if (startsWith(head, magic)) reject(`it is ${what}`);
  const body = head.subarray(start);
  let detected: Detected | string;
  const leader = body.toString("latin1", 0, Math.min(body.length, 24));
  // The first record may be the broken one; a terminator followed by a leader is MARC as well.
  const laterLeader = body.includes(0x1d) && new RegExp(`\x1d[\r\n]*${LEADER_PATTERN.source}`).test(body.toString("latin1"));
  if ((/^\d{5}[ -~]{7}\d{5}[ -~]{7}$/.test(leader) && body.includes(0x1e)) || laterLeader) {
    detected = { format: "marc" };
  } else if (looksBinary(body)) {
    detected = "it is a binary file, neither MARC nor text";
  } else {
    // A multi-byte character may be cut at the end of the head; judge the rest.
    let end = body.length;
    while (end > 0 && end > body.length - 4 && !isUtf8(body.subarray(0, end))) end--;
    const text = body.toString("utf8", 0, end);
    const c = text[0];
    if (c === "<") detected = detectXml(text);
    else if (c === "{" || c === "[") detected = "it is JSON";
    else detected = detectCsv(text);
  }
  if (typeof detected === "string") {
    const hint = ext === ".mrc" || ext === ".marc" || ext === ".iso" ? ` (the name ends in ${ext}, but it does not start with a MARC leader)` : "";
    return reject(detected + hint);
  }
  if (opts.requested && !fits(opts.requested, detected.format)) {
    reject(`you asked for ${opts.requested === "csv" ? "CSV" : FAMILY[opts.requested]} but the content is ${FAMILY[detected.format]}`);
  }
  return detected;
}
