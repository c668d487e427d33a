// The optional language-model step of FAQ answers: when no entry matches a question on its own but
// a few come close, the model answers from those entries only (api/llm/compose-faq.ts grounds it).
import { composeFaqAnswer } from "../llm/compose-faq.js";
import type { LlmClient } from "../llm/llm-client.js";
import type { Prompts } from "../llm/prompts.js";
import type { FaqComposer } from "./faq-feature.js";

/** A composer over the configured model, or undefined when no model is configured. */
export function createFaqComposer(deps: { llm: LlmClient | undefined; prompts: Prompts }): FaqComposer | undefined {
  const { llm } = deps;
  if (!llm?.enabled) return undefined;
  return async (input) => {
    const composed = await composeFaqAnswer(
      { llm, prompts: deps.prompts },
      { question: input.question, entries: input.entries.map((e) => ({ id: e.id, question: e.question, answer: e.answer })), locale: input.locale, patronId: input.patronId },
    );
    // The [F1] tags prove grounding; the patron reads the answer without them.
    return composed ? { ...composed, text: composed.text.replace(/\s*\[F\d+\]/g, "").trim() } : null;
  };
}
