// Additions to replies the engine made, applied after every turn (DialogFeature.afterTurn), so the
// engine's handlers need no knowledge of citations.
import type { Db } from "../db/prisma.js";
import { payload, type Intent } from "../dialog/intent.js";
import type { Button, Reply } from "../dialog/reply.js";
import type { Turn } from "../dialog/turn.js";
import { CITATION_STYLES, toCitationStyle } from "./citation-styles.js";

/**
 * A record's details get "📝 Sitasi" and "➕ Daftar pustaka" buttons, added after the engine's own
 * details handler so the engine needs no knowledge of this feature.
 */
export function addCitationButtons(turn: Turn, intent: Intent, replies: Reply[]): Reply[] {
  if (intent.name !== "details" || !intent.arg || !/^\d+$/.test(intent.arg) || replies.length !== 1) return replies;
  const [details] = replies;
  if (details!.text === turn.t("details.not_found")) return replies;
  const buttons = details!.buttons ?? [];
  const menuAt = buttons.findIndex((b) => b.payload === "menu");
  const extra: Button[] = [
    { label: turn.t("research.button.cite"), payload: payload("cite", intent.arg) },
    { label: turn.t("research.button.bib_add"), payload: payload("bib", `add:${intent.arg}`) },
  ];
  const next = menuAt < 0 ? [...buttons, ...extra] : [...buttons.slice(0, menuAt), ...extra, ...buttons.slice(menuAt)];
  return [{ ...details!, buttons: next }];
}

/**
 * Replies with "📖 n. Title" detail buttons (search results, research guidance) get one "📝 Sitasi"
 * button that lists those same books to cite: one button per book would crowd a phone screen.
 */
export function addCitePicker(turn: Turn, replies: Reply[]): Reply[] {
  return replies.map((reply) => {
    const buttons = reply.buttons ?? [];
    const ids = buttons.map((b) => /^details:(\d+)$/.exec(b.payload)?.[1]).filter((id): id is string => Boolean(id));
    if (ids.length === 0 || buttons.some((b) => b.payload.startsWith("cite") )) return reply;
    let arg = ids.join(",");
    while (Buffer.byteLength(`citepick:${arg}`) > 64) arg = arg.split(",").slice(0, -1).join(",");
    const picker: Button = { label: turn.t("research.button.cite_pick"), payload: payload("citepick", arg) };
    const menuAt = buttons.findIndex((b) => b.payload === "menu");
    return { ...reply, buttons: menuAt < 0 ? [...buttons, picker] : [...buttons.slice(0, menuAt), picker, ...buttons.slice(menuAt)] };
  });
}

/** /dataku also shows what this feature keeps: the reference list and the citation style. */
export async function addStoredData(db: Db, turn: Turn, intent: Intent, replies: Reply[]): Promise<Reply[]> {
  if (intent.name !== "mydata" || replies.length === 0) return replies;
  const [count, row] = await Promise.all([
    db.bibliographyItem.count({ where: { patronId: turn.patron.id } }),
    db.patron.findUnique({ where: { id: turn.patron.id }, select: { citationStyle: true } }),
  ]);
  const style = toCitationStyle(row?.citationStyle);
  if (count === 0 && !style) return replies;
  const line = turn.t("research.mydata", { count, style: CITATION_STYLES[style ?? "apa"].label });
  const [first, ...rest] = replies;
  const lines = first!.text.split("\n");
  const at = lines.indexOf(turn.t("privacy.not_stored"));
  lines.splice(at < 0 ? lines.length : at, 0, line);
  return [{ ...first!, text: lines.join("\n") }, ...rest];
}
