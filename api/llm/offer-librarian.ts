// Whether to offer "ask a librarian". The rule works alone; the model, when there is one, may add
// an offer the rule would have missed (a question only staff can answer), never remove one.
import { z } from "zod";
import type { LlmClient } from "./llm-client.js";
import type { Prompts } from "./prompts.js";
import { languageName } from "./understand-intent.js";
import { delimitUserText } from "./user-text.js";

// Words that mean the user needs a person: their own loans, fines, membership, a complaint.
const STAFF_TOPICS = /\b(denda|pinjaman\s*saya|perpanjang|perpanjangan|kartu\s*anggota|keanggotaan|anggota|keluhan|komplain|complain|complaint|fine|fines|renew|membership|my\s+loans?|hilang|rusak|lost|damaged)\b/i;

/** The rule: after two messages in a row the bot could not help with, or a topic only staff handle. */
export function ruleOffersLibrarian(input: { text: string; misses: number }): boolean {
  return input.misses >= 2 || STAFF_TOPICS.test(input.text);
}

const OfferSchema = z.object({ offer: z.boolean() });

function parseOffer(text: string): boolean | null {
  try {
    const parsed = OfferSchema.safeParse(JSON.parse(/\{[\s\S]*\}/.exec(text)?.[0] ?? ""));
    return parsed.success ? parsed.data.offer : null;
  } catch {
    return null;
  }
}

/** True when a librarian should be offered: the rule, or else the model's judgement when it is available. */
export async function shouldOfferLibrarian(
  deps: { llm: LlmClient; prompts: Prompts },
  input: { text: string; misses: number; locale: "id" | "en"; patronId: number | null },
): Promise<boolean> {
  if (ruleOffersLibrarian(input)) return true;
  if (!deps.llm.enabled) return false;
  const result = await deps.llm.complete({
    purpose: "librarian",
    patronId: input.patronId,
    json: true,
    maxOutputTokens: 20,
    messages: [
      { role: "system", content: deps.prompts.system("offer-librarian", { language: languageName(input.locale) }) },
      { role: "user", content: delimitUserText(input.text) },
    ],
    validate: (text) => parseOffer(text) !== null,
  });
  return result.ok ? parseOffer(result.text) === true : false;
}
