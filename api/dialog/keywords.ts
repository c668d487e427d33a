import { isTypoOf } from "./fuzzy.js";

// Long Indonesian keywords are matched with a typo or two ("pustakwan"); short and English words
// only exactly, so "house" never reads as "hours".
function same(token: string, word: string): boolean {
  return word.length >= 7 ? isTypoOf(token, word) : token === word;
}

/** True when any token is one of the words. */
export function hasAny(tokens: string[], words: readonly string[]): boolean {
  return tokens.some((t) => words.some((w) => same(t, w)));
}

/** True when the words appear next to each other, in order. */
export function hasPhrase(tokens: string[], phrase: readonly string[]): boolean {
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((w, k) => same(tokens[i + k]!, w))) return true;
  }
  return false;
}

/** True when the text is made only of these words (a greeting, "english please"). */
export function onlyWords(tokens: string[], words: readonly string[]): boolean {
  return tokens.length > 0 && tokens.every((t) => words.some((w) => same(t, w)));
}
