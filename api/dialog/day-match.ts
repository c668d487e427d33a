import { isTypoOf } from "./fuzzy.js";

export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type DayKey = (typeof DAYS)[number];

const NAMES: Record<DayKey, string[]> = {
  mon: ["senin", "monday"],
  tue: ["selasa", "tuesday", "tues"],
  wed: ["rabu", "wednesday"],
  thu: ["kamis", "thursday", "thurs"],
  fri: ["jumat", "jum'at", "jumaat", "friday"],
  sat: ["sabtu", "saturday"],
  sun: ["minggu", "ahad", "sunday"],
};

export type DayRef = DayKey | "today" | "tomorrow";

/** A weekday, "today" or "tomorrow" mentioned in the tokens ("hari Minggu", "besok", "on sunday"). */
export function findDay(tokens: string[]): DayRef | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === "besok" || t === "tomorrow" || t === "besuk") return "tomorrow";
    if (t === "today" || t === "sekarang" || t === "now" || (t === "hari" && tokens[i + 1] === "ini")) return "today";
    for (const day of DAYS) if (NAMES[day].some((n) => isTypoOf(t, n))) return day;
  }
  return null;
}
