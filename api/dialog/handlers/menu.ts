import type { IntentRegistry } from "../intent-registry.js";
import { payload } from "../intent.js";
import { plain, shorten } from "../markup.js";
import type { Button, Reply } from "../reply.js";
import type { Turn } from "../turn.js";

/** The main menu's buttons; every feature the bot has (or will have) is reachable from here. */
export function menuButtons(turn: Turn): Button[] {
  const { t } = turn;
  return [
    { label: t("button.search_examples"), payload: payload("examples") },
    { label: t("button.hours"), payload: payload("hours") },
    { label: t("button.addresses"), payload: payload("info") },
    { label: t("button.lessons"), payload: payload("lessons") },
    { label: t("button.citation"), payload: payload("cite") },
    { label: t("button.ask_librarian"), payload: payload("librarian") },
    { label: t("button.language"), payload: payload("lang") },
    { label: t("button.my_data"), payload: payload("mydata") },
  ];
}

function menuReply(turn: Turn, intro?: string): Reply {
  return { text: [intro, turn.t("menu.text")].filter(Boolean).join("\n\n"), buttons: menuButtons(turn) };
}

/** /start, help and menu, greetings, thanks, search examples, and the answers to input we cannot use. */
export function registerMenuHandlers(
  registry: IntentRegistry,
  deps: { retentionDays: number; maxInputChars: number; canDo?: (turn: Turn) => string[] },
): void {
  registry.handle("start", async (turn) => {
    const name = turn.patron.displayName ? plain(shorten(turn.patron.displayName, 40)) : "";
    const text = [
      name ? turn.t("start.welcome_named", { name }) : turn.t("start.welcome"),
      [turn.t("start.can_do"), ...(deps.canDo?.(turn) ?? [])].join("\n"),
      turn.t("start.try"),
      turn.t("start.privacy", { days: deps.retentionDays }),
    ].join("\n\n");
    return [{ text, buttons: menuButtons(turn) }];
  });
  registry.handle("help", async (turn) => [menuReply(turn)]);
  registry.handle("menu", async (turn) => [menuReply(turn)]);
  registry.handle("greeting", async (turn) => [menuReply(turn, turn.t("greeting.text"))]);
  registry.handle("thanks", async (turn) => [{ text: turn.t("thanks.text"), buttons: [{ label: turn.t("button.menu"), payload: payload("menu") }] }]);
  registry.handle("examples", async (turn) => [{ text: turn.t("search.examples") }]);
  registry.handle("unknown_command", async (turn, intent) => [menuReply(turn, turn.t("error.unknown_command", { command: plain(shorten(intent.arg ?? "", 32)) }))]);
  registry.handle("no_words", async (turn) => [{ text: turn.t("error.no_words"), buttons: [{ label: turn.t("button.menu"), payload: payload("menu") }] }]);
  registry.handle("unsupported", async (turn) => [{ text: turn.t("error.unsupported") }]);
  registry.handle("choice_out_of_range", async (turn, intent) => [{ text: turn.t("error.choice_out_of_range", { max: intent.arg ?? "1" }) }]);
  registry.handle("stale_button", async (turn) => [menuReply(turn, turn.t("error.stale_button"))]);
  registry.handle("too_long", async (turn) => [{ text: turn.t("error.too_long", { max: deps.maxInputChars }) }]);
  registry.handle("slow_down", async (turn) => [{ text: turn.t("error.slow_down") }]);
}
