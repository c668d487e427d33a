import type { ImportReport, SkippedEntry } from "./types.js";

const FORMAT_NAMES: Record<ImportReport["format"], string> = { marc: "MARC 21 (ISO 2709)", marcxml: "MARCXML", "simple-csv": "simple CSV", "slims-csv": "SLiMS CSV" };
const DROPPED: Record<SkippedEntry["dropped"], string> = { record: "record skipped", field: "value dropped", item: "copy skipped" };

/** Where a problem is: "record 3, line 40 [952$q]". */
export function problemPlace(e: SkippedEntry): string {
  return `record ${e.record}${e.line !== undefined ? `, line ${e.line}` : ""}${e.field ? ` [${e.field}]` : ""}`;
}

/** The end-of-import summary a librarian reads: counts, then every problem with its place. */
export function formatImportSummary(report: ImportReport, opts: { file?: string; maxProblems?: number } = {}): string {
  const max = opts.maxProblems ?? 200;
  const lines = [
    `${report.dryRun ? "Dry run (nothing written)" : "Import"} of ${opts.file ?? "input"} as ${FORMAT_NAMES[report.format]}, source "${report.source}": ${(report.ms / 1000).toFixed(1)} s`,
    `  records:   ${report.total}`,
    `  created:   ${report.created}`,
    `  updated:   ${report.updated}`,
    `  unchanged: ${report.unchanged}`,
    `  skipped:   ${report.skippedRecords}`,
    `  copies:    ${report.items}`,
  ];
  if (report.branchesCreated.length) {
    lines.push(`  new branches (named after their code; rename them or use --branch-map): ${report.branchesCreated.join(", ")}`);
  }
  if (report.notifyFailures) lines.push(`  search index updates failed ${report.notifyFailures} time(s); run a reindex`);
  const problems = report.skipped.length + report.skippedOmitted;
  if (problems) {
    lines.push("", `Problems (${problems}):`);
    for (const e of report.skipped.slice(0, max)) {
      // Mapper messages already say what happened; reader errors only say what is wrong.
      const outcome = /skipped|dropped|ignored|kept|stored as|replaces/.test(e.problem) ? "" : ` (${DROPPED[e.dropped]})`;
      lines.push(`  ${problemPlace(e)}: ${e.problem}${outcome}`);
    }
    const more = problems - Math.min(max, report.skipped.length);
    if (more > 0) lines.push(`  ... and ${more} more`);
  }
  return lines.join("\n");
}
