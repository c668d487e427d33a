// Ticket due times count only a branch's opening hours: a question sent on Saturday evening with a
// two-hour promise is due Monday at 10:00, not Saturday at 22:00. Hours are wall-clock times in the
// branch's time zone, turned into instants day by day.
import { DAYS, type DayKey } from "../dialog/day-match.js";
import type { WeekHours } from "../dialog/opening-hours.js";
import { isTimeZone } from "../i18n/time-zone.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// A week with no opening at all would loop forever; two weeks ahead is plenty for real timetables.
const LOOKAHEAD_DAYS = 15;

type LocalDate = { y: number; m: number; d: number };

// A branch row with a zone the runtime does not know still gets due times, in the library's usual zone.
const safeZone = (timeZone: string): string => (isTimeZone(timeZone) ? timeZone : "Asia/Makassar");

/** The calendar date and weekday of an instant in a time zone. */
function localDate(at: Date, timeZone: string): LocalDate & { day: DayKey } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric", weekday: "short" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { y: Number(get("year")), m: Number(get("month")), d: Number(get("day")), day: get("weekday").slice(0, 3).toLowerCase() as DayKey };
}

/** Milliseconds the zone is ahead of UTC at that instant (+8 h for Asia/Makassar). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant of a wall-clock "HH:MM" on a local date. */
function instantAt(date: LocalDate, hhmm: string, timeZone: string): Date {
  const [h, min] = hhmm.split(":").map(Number);
  const naive = Date.UTC(date.y, date.m - 1, date.d, h ?? 0, min ?? 0);
  return new Date(naive - zoneOffsetMs(new Date(naive), timeZone));
}

function addDays(date: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d) + n * DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function weekdayOf(date: LocalDate): DayKey {
  // Date.UTC day 0 is Sunday; DAYS starts on Monday.
  return DAYS[(new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7]!;
}

/** Opening periods as instants, from the local day of `from` onwards, in order. */
function* openPeriods(hours: WeekHours, timeZone: string, from: Date): Generator<{ start: Date; end: Date }> {
  const zone = safeZone(timeZone);
  const first = localDate(from, zone);
  for (let i = 0; i < LOOKAHEAD_DAYS; i++) {
    const date = addDays(first, i);
    for (const [open, close] of hours[weekdayOf(date)]) yield { start: instantAt(date, open, zone), end: instantAt(date, close, zone) };
  }
}

function hasAnyHours(hours: WeekHours): boolean {
  return DAYS.some((d) => hours[d].length > 0);
}

/** `start` plus `minutes` of opening time; plain clock minutes when the branch has no hours on file. */
export function addOpenMinutes(hours: WeekHours, timeZone: string, start: Date, minutes: number): Date {
  if (!hasAnyHours(hours)) return new Date(start.getTime() + minutes * MINUTE);
  let left = minutes * MINUTE;
  let last = start;
  for (const { start: open, end } of openPeriods(hours, timeZone, start)) {
    if (end <= start) continue;
    const from = open > start ? open : start;
    const span = end.getTime() - from.getTime();
    if (span >= left) return new Date(from.getTime() + left);
    left -= span;
    last = end;
  }
  return new Date(last.getTime() + left);
}

/** When the branch next opens, or null when it is open at `at` (or has no hours on file). */
export function nextOpeningAfter(hours: WeekHours, timeZone: string, at: Date): Date | null {
  if (!hasAnyHours(hours)) return null;
  for (const { start, end } of openPeriods(hours, timeZone, at)) {
    if (start <= at && at < end) return null;
    if (start > at) return start;
  }
  return null;
}

/** The weekday and "HH:MM" of an instant in a zone, for "Senin pukul 08.00". */
export function localDayAndClock(at: Date, timeZone: string): { day: DayKey; clock: string } {
  const zone = safeZone(timeZone);
  const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone }).format(at);
  return { day: localDate(at, zone).day, clock };
}
