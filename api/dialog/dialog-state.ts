import { z } from "zod";

const ButtonSchema = z.object({ label: z.string(), payload: z.string() });

const SearchQuerySchema = z.object({
  q: z.string(),
  branch: z.string().nullable(),
  available: z.boolean(),
});

/** A search the user can page through; seq tells stale buttons from current ones. */
const CurrentSearchSchema = SearchQuerySchema.extend({
  seq: z.number().int(),
  page: z.number().int().min(1),
  total: z.number().int().min(0),
});

/** Everything the engine remembers between messages of one patron (stored as JSON). */
export const DialogStateSchema = z.object({
  /** Counter for search ids; grows with every new search. */
  seq: z.number().int().min(0).default(0),
  search: CurrentSearchSchema.optional(),
  /** After zero hits: "did you mean" queries and the broader search, addressed by index from buttons. */
  suggestions: z.array(z.string()).optional(),
  broader: SearchQuerySchema.optional(),
  /** Buttons of the last reply that had any, so "2" can mean the second one (WhatsApp). */
  lastButtons: z.array(ButtonSchema).optional(),
  /** A question waiting for yes/no, such as deleting the user's data. */
  pending: z.object({ kind: z.string(), expiresAt: z.string() }).optional(),
  /** Messages in a row the engine could not help with (escalation hook for later). */
  misses: z.number().int().min(0).default(0),
  /** Room for later features (lessons, tickets, citation style) without touching this schema. */
  ext: z.record(z.string(), z.unknown()).default({}),
});

export type DialogState = z.infer<typeof DialogStateSchema>;
export type SearchQuery = z.infer<typeof SearchQuerySchema>;
export type CurrentSearch = z.infer<typeof CurrentSearchSchema>;

/** A fresh state for a new patron. */
export function emptyState(): DialogState {
  return DialogStateSchema.parse({});
}

/** Reads stored JSON; anything unreadable (an older shape, hand edits) starts over instead of failing the message. */
export function parseState(data: unknown): DialogState {
  const parsed = DialogStateSchema.safeParse(data ?? {});
  return parsed.success ? parsed.data : emptyState();
}
