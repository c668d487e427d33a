// The rating question after a librarian's answer, and the marker in the patron's conversation state
// that lets a bare "4" (WhatsApp numbered choice) or the next text (the optional comment) belong to it.
import type { Db, Prisma } from "../db/prisma.js";
import { parseState, type DialogState } from "../dialog/dialog-state.js";
import { payload } from "../dialog/intent.js";
import type { Button } from "../dialog/reply.js";

/** Key in DialogState.ext where the ticket flow keeps its step. */
export const TICKET_EXT_KEY = "ticket";

/** The ticket flow's step: a librarian offered, a question drafted, adding to a ticket, or rating/commenting an answered one. */
export type TicketExt =
  | { step: "offer"; question: string; reason: "zero_hits" | "not_understood" }
  | { step: "draft"; question: string; reason: "asked" | "zero_hits" | "not_understood"; restate?: boolean }
  | { step: "add"; ticketId: number }
  | { step: "rate"; ticketId: number }
  | { step: "comment"; ticketId: number; rating: number };

/** The ticket flow's step stored in the state, if any. */
export function readTicketExt(state: DialogState): TicketExt | null {
  const v = state.ext[TICKET_EXT_KEY] as TicketExt | undefined;
  return v && typeof v === "object" && typeof v.step === "string" ? v : null;
}

/** Stores (or with null, clears) the ticket flow's step. */
export function writeTicketExt(state: DialogState, ext: TicketExt | null): void {
  if (ext) state.ext[TICKET_EXT_KEY] = ext;
  else delete state.ext[TICKET_EXT_KEY];
}

/** Buttons 1..5 with payloads rate:<ticketId>:<n>. */
export function ratingButtons(ticketId: number, label: (n: number) => string): Button[] {
  return [1, 2, 3, 4, 5].map((n) => ({ label: label(n), payload: payload("rate", `${ticketId}:${n}`) }));
}

/**
 * Makes the rating buttons the patron's "last buttons", so "4" typed on WhatsApp means 4 stars,
 * and marks the rating step. Written straight to ConversationState because the answer arrives
 * outside any turn of the engine.
 */
export async function markRatingAsked(db: Db | Prisma.TransactionClient, patronId: number, ticketId: number, buttons: Button[]): Promise<void> {
  const row = await db.conversationState.findUnique({ where: { patronId } });
  const state = parseState(row?.data);
  state.lastButtons = buttons;
  writeTicketExt(state, { step: "rate", ticketId });
  const data = state as unknown as Prisma.InputJsonValue;
  await db.conversationState.upsert({ where: { patronId }, create: { patronId, data }, update: { data } });
}
