import { isTypoOf } from "./fuzzy.js";

// Phrases that ask for copies on the shelf now. Longest first so "yang bisa dipinjam" wins over "dipinjam".
const PHRASES: string[][] = [
  ["yang", "bisa", "dipinjam"], ["yg", "bisa", "dipinjam"], ["bisa", "dipinjam"], ["bisa", "dipinjem"],
  ["yang", "tersedia"], ["yg", "tersedia"], ["yang", "ada", "di", "rak"], ["ada", "di", "rak"],
  ["lagi", "tersedia"], ["masih", "tersedia"], ["ready", "stock"],
  ["that", "is", "available"], ["that", "are", "available"], ["which", "is", "available"], ["which", "are", "available"],
  ["currently", "available"], ["available", "now"], ["on", "the", "shelf"], ["in", "stock"], ["available"],
  ["tersedia"], ["ready"],
];

export type AvailabilityMatch = { available: boolean; tokens: string[] };

/** Finds "tersedia"/"available" conditions and removes them from the tokens. */
export function extractAvailability(tokens: string[]): AvailabilityMatch {
  for (const phrase of PHRASES) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      // Only the distinctive last word may carry a typo ("tersdia").
      const ok = phrase.every((w, k) => (k === phrase.length - 1 && w.length >= 7 ? isTypoOf(tokens[i + k]!, w) : tokens[i + k] === w));
      if (ok) return { available: true, tokens: [...tokens.slice(0, i), ...tokens.slice(i + phrase.length)] };
    }
  }
  return { available: false, tokens };
}
