// Dates and ages as the dashboard shows them, in the branch's time zone.
import { shorten } from "../dialog/markup.js";
import { DATE_LOCALE } from "../i18n/format.js";
import type { Locale } from "../i18n/locale.js";
import type { DashboardT } from "./dashboard-context.js";

// One formatter per language and zone (a handful): a queue page formats two dates per row.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** "22 Nov 2026 10.05" in the given time zone. */
export function formatDateTime(locale: Locale, date: Date, timeZone: string): string {
  const key = `${locale} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(DATE_LOCALE[locale], { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone });
    formatters.set(key, f);
  }
  return f.format(date);
}

/** How long ago, coarse: "5 menit", "3 jam", "2 hari". */
export function formatAge(t: DashboardT, from: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return t("dashboard.age.minutes", { n: minutes });
  if (minutes < 48 * 60) return t("dashboard.age.hours", { n: Math.floor(minutes / 60) });
  return t("dashboard.age.days", { n: Math.floor(minutes / 1440) });
}

/** The text on one line, at most `max` characters, with an ellipsis when cut (shorten counts code points). */
export function excerpt(text: string, max = 140): string {
  return shorten(text.replace(/\s+/g, " ").trim(), max);
}
