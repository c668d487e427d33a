import { formatDate } from "../../i18n/format.js";
import type { Db } from "../../db/prisma.js";
import type { IntentRegistry } from "../intent-registry.js";
import { payload } from "../intent.js";
import { plain, shorten } from "../markup.js";
import type { PatronStore } from "../patron-store.js";
import type { PurchaseSuggestionStore } from "../purchase-suggestions.js";
import type { Reply } from "../reply.js";

const CONFIRM_MS = 10 * 60_000;

/** /dataku shows what is stored about the patron; /hapusdata deletes it after a confirmation. */
export function registerPrivacyHandlers(
  registry: IntentRegistry,
  deps: { db: Db; patrons: PatronStore; suggestions: PurchaseSuggestionStore; retentionDays: number },
): void {
  registry.handle("mydata", async (turn): Promise<Reply[]> => {
    const { t, patron, locale } = turn;
    const [count, oldest, suggestions, tickets] = await Promise.all([
      deps.db.messageLog.count({ where: { patronId: patron.id } }),
      deps.db.messageLog.findFirst({ where: { patronId: patron.id }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
      deps.suggestions.listFor(patron.id),
      deps.db.ticket.count({ where: { patronId: patron.id, status: { in: ["open", "claimed"] } } }),
    ]);
    const day = (d: Date) => formatDate(locale, d.toISOString());
    const lines = [
      t("privacy.header"),
      t("privacy.identity", { channel: patron.channel, name: patron.displayName ? plain(shorten(patron.displayName, 40)) : t("privacy.no_name") }),
      t("privacy.language", { language: t(`lang.name_${locale}`) }),
      t("privacy.since", { date: day(patron.createdAt) }),
      t("privacy.messages", { count, since: oldest ? day(oldest.createdAt) : "–", days: deps.retentionDays }),
    ];
    if (turn.state.search?.q) lines.push(t("privacy.last_search", { query: plain(shorten(turn.state.search.q, 60)) }));
    if (tickets > 0) lines.push(t("privacy.tickets", { count: tickets }));
    if (suggestions.length > 0) lines.push(t("privacy.suggestions", { list: suggestions.map((s) => `“${plain(shorten(s.query, 40))}”`).join(", ") }));
    lines.push(t("privacy.not_stored"), t("privacy.how_to_delete"));
    return [{ text: lines.join("\n"), buttons: [{ label: t("button.delete_data"), payload: payload("forget") }, { label: t("button.menu"), payload: payload("menu") }] }];
  });

  registry.handle("forget", async (turn, intent): Promise<Reply[]> => {
    const { t } = turn;
    const pending = turn.state.pending;
    const confirmed = intent.arg === "yes" && pending?.kind === "forget" && new Date(pending.expiresAt) > turn.now;
    if (intent.arg === "no") {
      turn.state.pending = undefined;
      return [{ text: t("privacy.kept"), buttons: [{ label: t("button.menu"), payload: payload("menu") }] }];
    }
    if (confirmed) {
      await deps.patrons.forget(turn.patron);
      turn.forgotten();
      return [{ text: t("privacy.deleted") }];
    }
    turn.state.pending = { kind: "forget", expiresAt: new Date(turn.now.getTime() + CONFIRM_MS).toISOString() };
    return [{ text: t("privacy.confirm"), buttons: [{ label: t("button.confirm_delete"), payload: payload("forget", "yes") }, { label: t("button.cancel"), payload: payload("forget", "no") }] }];
  });
}
