import { DAYS, type DayKey } from "./day-match.js";

/** Opening ranges per weekday; an empty list means closed. */
export type WeekHours = Record<DayKey, [string, string][]>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Reads Branch.openingHours ({ "mon": [["08:00","16:00"]], "sun": [] }); bad entries count as closed. */
export function parseOpeningHours(json: unknown): WeekHours {
  const out = {} as WeekHours;
  const obj = (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
  for (const day of DAYS) {
    const ranges = Array.isArray(obj[day]) ? (obj[day] as unknown[]) : [];
    out[day] = ranges.filter(
      (r): r is [string, string] => Array.isArray(r) && r.length === 2 && HHMM.test(String(r[0])) && HHMM.test(String(r[1])) && r[0] < r[1],
    );
  }
  return out;
}

/** The weekday of an instant in a branch's time zone. */
export function weekdayIn(date: Date, timeZone: string): DayKey {
  let name: string;
  try {
    name = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone }).format(date);
  } catch {
    name = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "Asia/Makassar" }).format(date);
  }
  return name.slice(0, 3).toLowerCase() as DayKey;
}

/** "HH:MM" of an instant in a branch's time zone. */
export function clockIn(date: Date, timeZone: string): string {
  const fmt = (tz: string) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: tz }).format(date);
  try {
    return fmt(timeZone);
  } catch {
    return fmt("Asia/Makassar");
  }
}

/** The day after a weekday. */
export function nextDay(day: DayKey): DayKey {
  return DAYS[(DAYS.indexOf(day) + 1) % 7]!;
}

/** True when the branch is open at that instant. */
export function isOpenAt(hours: WeekHours, date: Date, timeZone: string): boolean {
  const now = clockIn(date, timeZone);
  return hours[weekdayIn(date, timeZone)].some(([from, to]) => from <= now && now < to);
}

/** Runs of consecutive days with the same hours (Mon–Fri 08–16, Sat 08–12, Sun closed). */
export function groupWeek(hours: WeekHours): { from: DayKey; to: DayKey; ranges: [string, string][] }[] {
  const groups: { from: DayKey; to: DayKey; ranges: [string, string][] }[] = [];
  for (const day of DAYS) {
    const last = groups[groups.length - 1];
    if (last && JSON.stringify(last.ranges) === JSON.stringify(hours[day])) last.to = day;
    else groups.push({ from: day, to: day, ranges: hours[day] });
  }
  return groups;
}
