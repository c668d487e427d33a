// The escalation feature of the dialog engine: it replaces the "coming soon" librarian handler,
// catches the text that belongs to a ticket step (the restated question, an added message, a
// rating comment), and offers a librarian after a zero-hit question or two misunderstood messages.
import type { DialogFeature } from "../dialog/engine.js";
import type { Intent } from "../dialog/intent.js";
import { payload } from "../dialog/intent.js";
import { onlyWords } from "../dialog/keywords.js";
import { tokenize } from "../dialog/normalize-text.js";
import { readsAsQuestion } from "../dialog/question-shape.js";
import type { Reply } from "../dialog/reply.js";
import type { Turn } from "../dialog/turn.js";
import { ESCALATION_INTENTS, registerEscalationHandlers } from "./escalation-handlers.js";
import { readTicketExt, writeTicketExt } from "./ticket-rating.js";
import type { TicketService } from "./ticket-types.js";

const CANCEL_WORDS = ["batal", "cancel", "gajadi", "gak", "tidak", "jangan", "stop"];
// Intents whose empty-handed answer may come with "ask a librarian".
const SEARCHES = new Set(["search", "ask", "research"]);

export type EscalationFeatureDeps = { tickets: TicketService };

/** Adds the librarian offer to a reply set after a search that did not help. */
function offerLibrarian(turn: Turn, intent: Intent, replies: Reply[]): Reply[] {
  const text = (turn.msg.text ?? "").trim();
  if (!SEARCHES.has(intent.name) || !text || text.startsWith("/") || replies.length === 0) return replies;
  const offered = replies.some((r) => r.buttons?.some((b) => b.payload === "librarian"));
  const zeroHits = offered && turn.state.search?.total === 0;
  const question = zeroHits && readsAsQuestion(text, tokenize(text));
  const confused = turn.state.misses >= 2;
  if (!zeroHits && !confused) return replies;
  writeTicketExt(turn.state, { step: "offer", question: text, reason: question || !confused ? "zero_hits" : "not_understood" });
  if (!question && !confused) return replies;
  const line = question ? turn.t("ticket.offer_question") : turn.t("ticket.offer_not_understood");
  // The reply carrying buttons gets the offer, so WhatsApp's numbers still match its list.
  const index = Math.max(replies.map((r) => Boolean(r.buttons?.length)).lastIndexOf(true), 0);
  return replies.map((r, i) => {
    if (i !== index) return r;
    const buttons = r.buttons ?? [];
    const librarian = { label: turn.t("button.ask_librarian"), payload: payload("librarian") };
    return { ...r, text: `${r.text}\n\n${line}`, buttons: [librarian, ...buttons.filter((b) => b.payload !== "librarian")] };
  });
}

/** The "tanya pustakawan" feature: tickets from the chat through the given TicketService. */
export function createEscalationFeature(deps: EscalationFeatureDeps): DialogFeature {
  return {
    replaces: ["librarian"],
    register(registry) {
      registerEscalationHandlers(registry, deps);
      // "/tanya apakah …" carries the question; the core command has no argument.
      registry.command(["tanya", "pustakawan", "librarian", "ask"], (arg) => ({ name: "librarian", ...(arg ? { arg } : {}) }));
      registry.command(["tiket", "ticket", "tickets"], () => ({ name: "ticket" }));
      registry.rule({
        name: "ticket-step-text",
        // Above everything: while the bot waits for the question, an added message or a comment, the text is that.
        priority: 110,
        match({ state, raw, tokens }) {
          const ext = readTicketExt(state);
          if (!ext) return null;
          if (ext.step === "draft" && ext.restate) {
            return onlyWords(tokens, CANCEL_WORDS) ? { name: "ticket_drop", via: "text" } : { name: "ticket_question", arg: raw, via: "text" };
          }
          if (ext.step === "add") return onlyWords(tokens, CANCEL_WORDS) ? { name: "ticket", via: "text" } : { name: "ticket_addtext", arg: raw, via: "text" };
          if (ext.step === "comment") return { name: "rate_comment", arg: raw, via: "text" };
          return null;
        },
      });
    },
    describe: (turn) => turn.t("ticket.can_do"),
    async afterTurn(turn, intent, replies) {
      // A half-done step (offer, draft, adding, rating) lasts only until the patron does something else.
      if (!ESCALATION_INTENTS.has(intent.name) && readTicketExt(turn.state)) writeTicketExt(turn.state, null);
      if (ESCALATION_INTENTS.has(intent.name)) return replies;
      return offerLibrarian(turn, intent, replies);
    },
  };
}
