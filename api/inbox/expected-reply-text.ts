import { formatClock } from "../i18n/format.js";
import type { Locale } from "../i18n/locale.js";
import type { MessageKey, MessageParams } from "../i18n/messages.js";
import { localDayAndClock } from "./service-hours.js";
import type { ExpectedReply } from "./ticket-types.js";

type T = (key: MessageKey, params?: MessageParams) => string;

/** "2 jam", "30 menit", "1 jam 30 menit" / "2 hours", "1 hour", "1 hour 30 minutes". */
export function formatDuration(t: T, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t("ticket.duration_minutes", { n: m });
  const hours = h === 1 ? t("ticket.duration_one_hour") : t("ticket.duration_hours", { n: h });
  return m === 0 ? hours : t("ticket.duration_hours_minutes", { hours, minutes: m });
}

/** "Pustakawan kami biasanya menjawab dalam 2 jam. Di luar jam layanan, jawaban datang Senin pukul 08.00." */
export function expectedReplyText(t: T, locale: Locale, expected: ExpectedReply): string {
  const lines = [t("ticket.expected_within", { duration: formatDuration(t, expected.withinMinutes) })];
  if (expected.nextOpening) {
    const { day, clock } = localDayAndClock(expected.nextOpening, expected.timeZone);
    lines.push(t("ticket.expected_closed", { day: t(`day.${day}`), time: formatClock(locale, clock) }));
  }
  return lines.join(" ");
}
