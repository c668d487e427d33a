import { formatClock } from "../../i18n/format.js";
import type { BranchInfo } from "../branch-directory.js";
import type { DayKey, DayRef } from "../day-match.js";
import type { IntentRegistry } from "../intent-registry.js";
import { payload } from "../intent.js";
import { link, plain } from "../markup.js";
import { groupWeek, isOpenAt, nextDay, weekdayIn, type WeekHours } from "../opening-hours.js";
import type { Button, Reply } from "../reply.js";
import type { Turn } from "../turn.js";

function rangesText(turn: Turn, ranges: [string, string][]): string {
  if (ranges.length === 0) return turn.t("hours.closed");
  return ranges.map(([from, to]) => turn.t("hours.range", { from: formatClock(turn.locale, from), to: formatClock(turn.locale, to) })).join(", ");
}

function dayName(turn: Turn, day: DayKey): string {
  return turn.t(`day.${day}`);
}

/** "Sen–Jum 08.00–16.00 · Sab 08.00–12.00 · Min tutup" */
export function weekText(turn: Turn, hours: WeekHours): string {
  return groupWeek(hours)
    .map((g) => {
      const days = g.from === g.to ? turn.t(`day_short.${g.from}`) : `${turn.t(`day_short.${g.from}`)}–${turn.t(`day_short.${g.to}`)}`;
      return `${days} ${rangesText(turn, g.ranges)}`;
    })
    .join("\n");
}

function resolveDay(ref: DayRef, turn: Turn, timezone: string): DayKey {
  const today = weekdayIn(turn.now, timezone);
  if (ref === "today") return today;
  if (ref === "tomorrow") return nextDay(today);
  return ref;
}

function pickBranches(turn: Turn, code: string | null | undefined): BranchInfo[] {
  const one = code ? turn.branches.filter((b) => b.code === code) : [];
  return one.length > 0 ? one : turn.branches;
}

/** Opening hours ("buka jam berapa hari Minggu?") and branch addresses with map links, from the Branch table. */
export function registerLibraryInfoHandlers(registry: IntentRegistry): void {
  registry.handle("hours", async (turn, intent): Promise<Reply[]> => {
    const { t } = turn;
    const branches = pickBranches(turn, intent.branch);
    if (branches.length === 0) return [{ text: t("info.no_branches") }];
    const buttons: Button[] = [{ label: t("button.addresses"), payload: payload("info", intent.branch ?? undefined) }, { label: t("button.menu"), payload: payload("menu") }];
    if (intent.day) {
      const day = resolveDay(intent.day, turn, branches[0]!.timezone);
      const lines = branches.map((b) => {
        const openNow = intent.day === "today" && isOpenAt(b.hours, turn.now, b.timezone) ? t("hours.open_now") : "";
        return t("hours.branch_line", { branch: plain(b.shortName), hours: rangesText(turn, b.hours[day]) }) + openNow;
      });
      const allClosed = branches.every((b) => b.hours[day].length === 0);
      const header = allClosed ? t("hours.all_closed_on", { day: dayName(turn, day) }) : t("hours.on_day", { day: dayName(turn, day) });
      return [{ text: [header, ...lines].join("\n"), buttons }];
    }
    const blocks = branches.map((b) => `*${plain(b.shortName)}*\n${weekText(turn, b.hours)}`);
    return [{ text: [t("hours.week_header"), ...blocks].join("\n\n"), buttons }];
  });

  registry.handle("info", async (turn, intent): Promise<Reply[]> => {
    const { t } = turn;
    const code = intent.branch ?? (intent.arg && intent.arg !== "" ? intent.arg : null);
    const branches = pickBranches(turn, code);
    if (branches.length === 0) return [{ text: t("info.no_branches") }];
    const blocks = branches.map((b) => {
      const lines = [`*${plain(b.name)}*`];
      const address = [b.address, b.city].filter(Boolean).join(", ");
      if (address) lines.push(plain(address));
      if (b.phone) lines.push(t("info.phone", { phone: plain(b.phone) }));
      const today = weekdayIn(turn.now, b.timezone);
      lines.push(t("info.today", { hours: rangesText(turn, b.hours[today]) }));
      if (b.mapUrl) lines.push(link(t("info.map"), b.mapUrl));
      return lines.join("\n");
    });
    const header = branches.length > 1 ? t("info.header_all", { count: branches.length }) : t("info.header_one");
    return [{ text: [header, ...blocks].join("\n\n"), buttons: [{ label: t("button.hours"), payload: payload("hours") }, { label: t("button.menu"), payload: payload("menu") }] }];
  });
}
