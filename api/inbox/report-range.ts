// The date range of the reports page: whole local days in one time zone (the branches'
// Branch.timezone), because "tickets on Monday" means Monday in Kupang, not in UTC.
import { ValidationError } from "../errors.js";
import { isTimeZone } from "../i18n/time-zone.js";

/** Whole days `from`..`to` (inclusive, YYYY-MM-DD) in `timeZone`. */
export type ReportRange = { from: string; to: string; timeZone: string };

export const DEFAULT_REPORT_TIME_ZONE = "Asia/Makassar";
export const DEFAULT_REPORT_DAYS = 30;
/** Longest range one request may ask for (keeps the per-day series and the queries bounded). */
export const MAX_REPORT_DAYS = 366;

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar day of `date` in `timeZone`, as YYYY-MM-DD. */
export function dayIn(date: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

/** Milliseconds of UTC midnight of a YYYY-MM-DD day, or null when it is not a real date. */
function dayNumber(day: string): number | null {
  const m = ISO_DAY.exec(day);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === day ? ms : null;
}

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const ms = dayNumber(day);
  if (ms === null) throw new Error(`not a day: ${day}`);
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/** Number of days in the range, both ends included. */
export function rangeDays(range: ReportRange): number {
  return Math.round((dayNumber(range.to)! - dayNumber(range.from)!) / DAY_MS) + 1;
}

/**
 * Reads the range from request input; missing parts default to the last 30 days up to today in
 * the time zone. Bad dates, an unknown zone, from after to, or more than a year throw ValidationError.
 */
export function resolveReportRange(input: { from?: string; to?: string; tz?: string }, now: Date, defaultTimeZone = DEFAULT_REPORT_TIME_ZONE): ReportRange {
  const issues: { path: string; message: string }[] = [];
  const timeZone = input.tz?.trim() || defaultTimeZone;
  if (!isTimeZone(timeZone)) issues.push({ path: "tz", message: `unknown time zone "${timeZone.slice(0, 64)}"` });
  const from = input.from?.trim() || undefined;
  const to = input.to?.trim() || undefined;
  if (from !== undefined && dayNumber(from) === null) issues.push({ path: "from", message: "must be a date YYYY-MM-DD" });
  if (to !== undefined && dayNumber(to) === null) issues.push({ path: "to", message: "must be a date YYYY-MM-DD" });
  if (issues.length > 0) throw new ValidationError(issues);

  const end = to ?? (from ? addDays(from, DEFAULT_REPORT_DAYS - 1) : dayIn(now, timeZone));
  const start = from ?? addDays(end, -(DEFAULT_REPORT_DAYS - 1));
  const range = { from: start, to: end, timeZone };
  if (start > end) throw new ValidationError([{ path: "from", message: "must not be after to" }]);
  if (rangeDays(range) > MAX_REPORT_DAYS) throw new ValidationError([{ path: "from", message: `the range may span at most ${MAX_REPORT_DAYS} days` }]);
  return range;
}
