import type { ChoiceQuestion, TextQuestion } from "./lesson-schema.js";

/** Lowercase, without accents, with runs of spaces folded, so "  TurnBackHoax.ID " matches "turnbackhoax". */
export function foldAnswer(s: string): string {
  return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** True when the chosen option (0-based) is one of the correct ones. */
export function isChoiceCorrect(q: ChoiceQuestion, option: number): boolean {
  return q.options[option]?.correct === true;
}

/** True when the typed answer contains any accepted keyword (ignoring case, accents and spacing). */
export function isTextCorrect(q: TextQuestion, answer: string): boolean {
  const given = foldAnswer(answer);
  if (!given) return false;
  return q.accept.some((k) => given.includes(foldAnswer(k)));
}
