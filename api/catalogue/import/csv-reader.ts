import { Readable } from "node:stream";
import { parse, type CsvError } from "csv-parse";
import { RecordError } from "./errors.js";

export type CsvRead = { record: number; line: number; cells: string[] } | { record: number; line: number; error: RecordError };

/**
 * Streams CSV rows with the line each starts on. `hasHeader` rows are skipped (the caller read
 * the header during detection). A row csv-parse cannot read is reported and the rest go on.
 */
export async function* readCsv(chunks: AsyncIterable<Buffer>, opts: { delimiter: string; hasHeader: boolean }): AsyncGenerator<CsvRead> {
  const parser = parse({
    bom: true,
    delimiter: opts.delimiter,
    // SLiMS writes quotes inside quoted fields without doubling them; read those as text.
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
  });
  const errors: { line: number; message: string }[] = [];
  parser.on("skip", (err: CsvError & { lines?: number }) => {
    errors.push({ line: err.lines ?? 0, message: err.message.replace(/^Invalid Record Length: /, "") });
  });
  Readable.from(chunks, { objectMode: false }).pipe(parser);
  let n = 0;
  let first = true;
  const flushErrors = function* (): Generator<CsvRead> {
    while (errors.length) {
      const e = errors.shift()!;
      n += 1;
      yield { record: n, line: e.line, error: new RecordError(`unreadable CSV row: ${e.message}`, "row") };
    }
  };
  for await (const row of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield* flushErrors();
    const cells = row.record;
    let newlines = 0;
    for (const c of cells) for (let i = c.indexOf("\n"); i !== -1; i = c.indexOf("\n", i + 1)) newlines++;
    const line = row.info.lines - newlines;
    if (first) {
      first = false;
      if (opts.hasHeader) continue;
    }
    n += 1;
    yield { record: n, line, cells };
  }
  yield* flushErrors();
}

/** How many cells a row fills: the empty ones a trailing separator leaves do not count. */
export function filledWidth(cells: string[]): number {
  let used = cells.length;
  while (used > 0 && cells[used - 1]!.trim() === "") used--;
  return used;
}
