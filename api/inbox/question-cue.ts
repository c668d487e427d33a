import { tokenize } from "../dialog/normalize-text.js";

// First words that make a message a question rather than a title ("apakah …", "how do I …").
const QUESTION_WORDS = new Set([
  "apa", "apakah", "bagaimana", "gimana", "bgmn", "gmn", "kenapa", "knp", "mengapa", "kapan", "dimana", "mana", "siapa", "berapa",
  "bisakah", "bolehkah", "bisa", "boleh", "adakah", "how", "what", "why", "where", "when", "who", "which", "can", "could", "is", "are",
  "do", "does", "may", "should",
]);

/** True when a message reads as a question: it ends with "?" or starts with a question word. */
export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.endsWith("?") || trimmed.endsWith("？")) return true;
  const first = tokenize(trimmed)[0];
  return first !== undefined && QUESTION_WORDS.has(first);
}
