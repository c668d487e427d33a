import { headerKey } from "./csv-columns.js";
import { readCsv } from "./csv-reader.js";
import type { Detected } from "./detect-format.js";
import { readIso2709 } from "./iso2709-reader.js";
import { mapMarcRecord } from "./map-marc.js";
import { mapSimpleRow, simpleHeader } from "./map-simple-csv.js";
import { mapSlimsRow, slimsHeader } from "./map-slims-csv.js";
import { readMarcXml } from "./marcxml-reader.js";
import type { Issue, MappedRecord, ParsedRecord } from "./types.js";

function notUtf8(cells: string[]): Issue | null {
  return cells.some((c) => c.includes("\uFFFD"))
    ? { field: "row", problem: "row has bytes that are not UTF-8 (save the file as UTF-8); record skipped", dropped: "record" }
    : null;
}

function csvRecord(read: { record: number; line: number }, mapped: { value: MappedRecord | null; issues: Issue[] }): ParsedRecord {
  return { record: read.record, line: read.line, value: mapped.value, issues: mapped.issues };
}

/** Reads the input in the detected format and maps every record, broken ones included, in file order. */
export async function* readRecords(detected: Detected, chunks: AsyncIterable<Buffer>): AsyncGenerator<ParsedRecord> {
  switch (detected.format) {
    case "marc":
      for await (const r of readIso2709(chunks)) {
        if ("error" in r) yield { record: r.record, value: null, issues: [{ field: r.error.field, problem: r.error.problem, dropped: "record" }] };
        else yield { record: r.record, ...mapMarcRecord(r.marc) };
      }
      return;
    case "marcxml":
      for await (const r of readMarcXml(chunks, detected.prefix)) {
        if ("error" in r) yield { record: r.record, line: r.line, value: null, issues: [{ field: r.error.field, problem: r.error.problem, dropped: "record" }] };
        else yield { record: r.record, line: r.line, ...mapMarcRecord(r.marc) };
      }
      return;
    case "simple-csv": {
      const header = simpleHeader(detected.header.map(headerKey));
      for await (const r of readCsv(chunks, { delimiter: detected.delimiter, hasHeader: true })) {
        if ("error" in r) yield { record: r.record, line: r.line, value: null, issues: [{ field: r.error.field, problem: r.error.problem, dropped: "record" }] };
        else {
          const bad = notUtf8(r.cells);
          yield bad ? { record: r.record, line: r.line, value: null, issues: [bad] } : csvRecord(r, mapSimpleRow(header, r.cells));
        }
      }
      return;
    }
    case "slims-csv": {
      const header = slimsHeader(detected.header ? detected.header.map(headerKey) : null);
      for await (const r of readCsv(chunks, { delimiter: detected.delimiter, hasHeader: detected.header !== null })) {
        if ("error" in r) yield { record: r.record, line: r.line, value: null, issues: [{ field: r.error.field, problem: r.error.problem, dropped: "record" }] };
        else {
          const bad = notUtf8(r.cells);
          yield bad ? { record: r.record, line: r.line, value: null, issues: [bad] } : csvRecord(r, mapSlimsRow(header, r.cells));
        }
      }
      return;
    }
  }
}
