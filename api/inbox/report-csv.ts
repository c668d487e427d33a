// CSV exports of the report tables. Cells hold patron-typed text (search queries, questions), so
// a cell that a spreadsheet would run as a formula (= + - @, tab, CR and their full-width forms)
// is prefixed with an apostrophe by csv-stringify's escape_formulas (OWASP "CSV injection").
import { stringify } from "csv-stringify/sync";
import type { ReportRange } from "./report-range.js";
import type { ReportService } from "./reports.js";

export const REPORT_TABLES = [
  "tickets-per-day",
  "first-response",
  "sla-breaches",
  "ratings",
  "unanswered-topics",
  "zero-result-searches",
  "top-queries",
  "purchase-suggestions",
] as const;

export type ReportTableName = (typeof REPORT_TABLES)[number];

export type Cell = string | number | null;

/** One exportable table: stable English column keys (spreadsheets and scripts rely on them) and rows. */
export type ReportTable = { name: ReportTableName; columns: string[]; rows: Cell[][] };

/** True for a name in REPORT_TABLES (route parameters come in as any string). */
export function isReportTableName(name: string): name is ReportTableName {
  return (REPORT_TABLES as readonly string[]).includes(name);
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const rounded = (n: number | null): number | null => (n === null ? null : Math.round(n));

/** Builds one table of the report for the range (only that table's queries run). */
export async function reportTable(reports: ReportService, name: ReportTableName, range: ReportRange): Promise<ReportTable> {
  switch (name) {
    case "tickets-per-day": {
      const rows = await reports.ticketsPerDay(range);
      return { name, columns: ["day", "created", "answered"], rows: rows.map((r) => [r.day, r.created, r.answered]) };
    }
    case "first-response": {
      const f = await reports.firstResponse(range);
      return { name, columns: ["answered_tickets", "median_seconds", "p90_seconds"], rows: [[f.answered, rounded(f.medianSeconds), rounded(f.p90Seconds)]] };
    }
    case "sla-breaches": {
      const b = await reports.slaBreaches(range);
      return {
        name,
        columns: ["ticket_id", "branch", "channel", "status", "created_at", "due_at", "first_response_at", "late_seconds"],
        rows: b.rows.map((r) => [r.ticketId, r.branchCode, r.channel, r.status, iso(r.createdAt), iso(r.dueAt), iso(r.firstResponseAt), Math.round(r.lateSeconds)]),
      };
    }
    case "ratings": {
      const r = await reports.ratings(range);
      return { name, columns: ["stars", "count"], rows: r.distribution.map((n, i) => [i + 1, n]) };
    }
    case "unanswered-topics": {
      const rows = await reports.unansweredTopics(range);
      return { name, columns: ["keyword", "tickets", "ticket_ids", "example_question"], rows: rows.map((r) => [r.keyword, r.tickets, r.ticketIds.join(" "), r.example]) };
    }
    case "zero-result-searches":
    case "top-queries": {
      const rows = name === "top-queries" ? await reports.topQueries(range) : await reports.zeroResultSearches(range);
      return { name, columns: ["query", "searches", "zero_hit_searches", "last_searched_at"], rows: rows.map((r) => [r.query, r.searches, r.zeroHits, iso(r.lastAt)]) };
    }
    case "purchase-suggestions": {
      const p = await reports.purchaseSuggestions(range);
      return { name, columns: ["query", "suggestions", "last_suggested_at"], rows: p.rows.map((r) => [r.query, r.suggestions, iso(r.lastAt)]) };
    }
  }
}

/** The table as CSV text (UTF-8 with a BOM so spreadsheet programs read Indonesian text right; CRLF). */
export function tableToCsv(table: ReportTable): string {
  return stringify([table.columns, ...table.rows], { bom: true, escape_formulas: true, record_delimiter: "windows" });
}

/** The download file name, e.g. "laporan-zero-result-searches-2025-11-01_2025-11-30.csv". */
export function csvFileName(name: ReportTableName, range: ReportRange): string {
  return `laporan-${name}-${range.from}_${range.to}.csv`;
}
