import type { ImportFormat, ImportReport, Issue, SkippedEntry } from "./types.js";

/** The report lists this many problems; a file broken throughout must not fill memory with them. */
export const MAX_SKIPPED_ENTRIES = 5000;

/** Collects counts and problems while an import runs. */
export class ReportBuilder {
  readonly report: ImportReport;

  constructor(source: string, format: ImportFormat, dryRun: boolean) {
    this.report = {
      source,
      format,
      dryRun,
      total: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      skippedRecords: 0,
      skipped: [],
      skippedOmitted: 0,
      items: 0,
      branchesCreated: [],
      notifyFailures: 0,
      ms: 0,
    };
  }

  /** Notes the problems of one record; counts it as skipped when the record itself was dropped. */
  note(at: { record: number; line?: number }, issues: Issue[]): void {
    if (issues.some((i) => i.dropped === "record")) this.report.skippedRecords += 1;
    for (const issue of issues) {
      if (this.report.skipped.length >= MAX_SKIPPED_ENTRIES) {
        this.report.skippedOmitted += 1;
        continue;
      }
      const entry: SkippedEntry = { record: at.record, problem: issue.problem, dropped: issue.dropped };
      if (at.line !== undefined) entry.line = at.line;
      if (issue.field !== undefined) entry.field = issue.field;
      this.report.skipped.push(entry);
    }
  }

  /** Sorts problems into file order (duplicates are found a batch later) and stamps the time. */
  finish(started: number): ImportReport {
    this.report.skipped.sort((a, b) => a.record - b.record);
    this.report.ms = Math.round(performance.now() - started);
    return this.report;
  }
}
