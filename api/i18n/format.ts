import type { Locale } from "./locale.js";

const DATE_LOCALE: Record<Locale, string> = { id: "id-ID", en: "en-GB" };

/** "12 Des 2026" / "12 Dec 2026" for a YYYY-MM-DD date (no time zone shift). */
export function formatDate(locale: Locale, isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** "08.00" in Indonesian, "08:00" in English, from "08:00". */
export function formatClock(locale: Locale, hhmm: string): string {
  return locale === "id" ? hhmm.replace(":", ".") : hhmm;
}

/** 1234 -> "1.234" / "1,234". */
export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(DATE_LOCALE[locale]).format(n);
}
