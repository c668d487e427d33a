import type { Locale } from "./locale.js";

/** The Intl locale of each language the bot and the dashboard speak. */
export const DATE_LOCALE: Record<Locale, string> = { id: "id-ID", en: "en-GB" };

// Building an Intl formatter costs far more than using one (a result card formats several due
// dates), so each locale's formatter is made once.
const DATE_FORMAT: Record<Locale, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat(DATE_LOCALE.id, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat(DATE_LOCALE.en, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
};

/** "12 Des 2026" / "12 Dec 2026" for a YYYY-MM-DD date (no time zone shift). */
export function formatDate(locale: Locale, isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return isoDate;
  return DATE_FORMAT[locale].format(new Date(Date.UTC(y, m - 1, d)));
}

/** "08.00" in Indonesian, "08:00" in English, from "08:00". */
export function formatClock(locale: Locale, hhmm: string): string {
  return locale === "id" ? hhmm.replace(":", ".") : hhmm;
}
