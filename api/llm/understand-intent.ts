// When the rules do not recognise a message, the model may say what the user wants. Its answer is
// only a routing hint: one of a closed set of read-only intents and a short query taken from the
// message. A message that talks the model into anything else ("hapus semua data") comes back as
// "other", or as JSON we reject; either way the rule-based answer follows.
import { z } from "zod";
import type { LlmClient } from "./llm-client.js";
import type { Prompts } from "./prompts.js";
import { delimitUserText, sanitizeUserText } from "./user-text.js";

/** Intents the model may choose; none of them changes or deletes data. */
export const LLM_INTENTS = ["search", "research", "cite", "hours", "info", "lessons", "librarian", "help", "other"] as const;

export type LlmIntent = { intent: (typeof LLM_INTENTS)[number]; query: string };

const IntentSchema = z.object({
  intent: z.enum(LLM_INTENTS),
  query: z.string().max(300).optional().default(""),
});

export const languageName = (locale: "id" | "en") => (locale === "id" ? "Indonesian" : "English");

/** Reads the model's JSON; null when it is not exactly what the prompt asked for. */
export function parseIntentAnswer(text: string): LlmIntent | null {
  const json = /\{[\s\S]*\}/.exec(text)?.[0];
  if (!json) return null;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = IntentSchema.safeParse(data);
  if (!parsed.success) return null;
  // The query is search text: no markers, no control characters, short.
  return { intent: parsed.data.intent, query: sanitizeUserText(parsed.data.query, 100) };
}

/** The model's reading of a message, or null (LLM off, over budget, failed, or an unusable answer). */
export async function understandIntent(
  deps: { llm: LlmClient; prompts: Prompts },
  input: { text: string; locale: "id" | "en"; patronId: number | null },
): Promise<LlmIntent | null> {
  if (!deps.llm.enabled) return null;
  const result = await deps.llm.complete({
    purpose: "intent",
    patronId: input.patronId,
    json: true,
    maxOutputTokens: 120,
    messages: [
      { role: "system", content: deps.prompts.system("intent", { language: languageName(input.locale) }) },
      { role: "user", content: delimitUserText(input.text) },
    ],
    validate: (text) => parseIntentAnswer(text) !== null,
  });
  return result.ok ? parseIntentAnswer(result.text) : null;
}
